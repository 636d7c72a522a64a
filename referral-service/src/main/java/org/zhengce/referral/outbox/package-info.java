/** The transactional outbox of case.events and its relay to Kafka (ADR 0005). */
@NullMarked
package org.zhengce.referral.outbox;

import org.jspecify.annotations.NullMarked;
