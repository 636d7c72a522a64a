/** The topics this service writes, declared from the platform's topic catalogue. */
@NullMarked
package org.zhengce.intake.topics;

import org.jspecify.annotations.NullMarked;
