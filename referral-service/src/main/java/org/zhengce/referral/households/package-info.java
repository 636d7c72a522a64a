/** Households' contact details, from civil affairs' registration events on household.events. */
@NullMarked
package org.zhengce.referral.households;

import org.jspecify.annotations.NullMarked;
