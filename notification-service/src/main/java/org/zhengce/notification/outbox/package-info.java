/** The transactional outbox of alert.events and its relay to Kafka (as referral's, ADR 0005). */
@NullMarked
package org.zhengce.notification.outbox;

import org.jspecify.annotations.NullMarked;
