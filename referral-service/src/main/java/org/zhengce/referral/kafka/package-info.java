/** How referral reads its topics: unreadable records, the dead-letter lane, retries. */
@NullMarked
package org.zhengce.referral.kafka;

import org.jspecify.annotations.NullMarked;
