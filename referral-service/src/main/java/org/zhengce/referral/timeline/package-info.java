/** A case's timeline: every step, who took it, when, the stage after it; written by the features that take them. */
@NullMarked
package org.zhengce.referral.timeline;

import org.jspecify.annotations.NullMarked;
