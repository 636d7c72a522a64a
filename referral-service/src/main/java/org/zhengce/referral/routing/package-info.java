/** Which advisor (or, without one, which supervisor) owns a new case: least open load, by jurisdiction. */
@NullMarked
package org.zhengce.referral.routing;

import org.jspecify.annotations.NullMarked;
