/**
 * What every referral endpoint shares: bad bodies and parameters answered as problems naming the field, paging of
 * lists ({@code limit}, {@code cursor}, {@code Link}), {@code If-Match} preconditions.
 */
@NullMarked
package org.zhengce.referral.web;

import org.jspecify.annotations.NullMarked;
