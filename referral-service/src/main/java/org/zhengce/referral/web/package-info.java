/** What every referral endpoint shares: bad bodies answered as problems naming the field. */
@NullMarked
package org.zhengce.referral.web;

import org.jspecify.annotations.NullMarked;
