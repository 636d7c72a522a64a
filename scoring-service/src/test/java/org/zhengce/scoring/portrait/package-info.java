/** Tests of the household portrait, and the event fixtures the model's tests share. */
@NullMarked
package org.zhengce.scoring.portrait;

import org.jspecify.annotations.NullMarked;
