/** Cases from warnings: jurisdictions, routing, workflow, policy and resource libraries, one household one plan. */
@NullMarked
package org.zhengce.referral;

import org.jspecify.annotations.NullMarked;
