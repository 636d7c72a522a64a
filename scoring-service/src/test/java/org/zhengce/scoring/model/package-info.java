/** Tests of the scoring model: the YAML document, scores, reasons, caps, windows, decay and categories. */
@NullMarked
package org.zhengce.scoring.model;

import org.jspecify.annotations.NullMarked;
