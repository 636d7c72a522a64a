/** The append-only audit log of every read and change of a case. */
@NullMarked
package org.zhengce.referral.audit;

import org.jspecify.annotations.NullMarked;
