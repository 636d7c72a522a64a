/**
 * Meaning checks of a decoded department event ({@link org.zhengce.intake.validation.EventValidator}), every error at
 * once with its field path, and the conversion of a valid department event into the published household event with
 * every resident identity replaced by its pseudonym ({@link org.zhengce.intake.validation.EventPseudonymisation}).
 */
@NullMarked
package org.zhengce.intake.validation;

import org.jspecify.annotations.NullMarked;
