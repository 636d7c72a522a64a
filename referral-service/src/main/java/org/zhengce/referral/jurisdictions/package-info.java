/** City, district, street and community; the advisors, supervisors and social organisations who work in them. */
@NullMarked
package org.zhengce.referral.jurisdictions;

import org.jspecify.annotations.NullMarked;
