/** Cases from warnings: one open case per household, opened, escalated and proposed for closing by warnings. */
@NullMarked
package org.zhengce.referral.cases;

import org.jspecify.annotations.NullMarked;
