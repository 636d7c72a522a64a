/**
 * The transactional outbox of case.events and its relay to Kafka (ADR 0005): a written case change as its
 * {@code case.events} record ({@link org.zhengce.referral.outbox.CaseEvents}, the cases feature's
 * {@link org.zhengce.referral.cases.CaseEventLog}) and the decisions shared.
 */
@NullMarked
package org.zhengce.referral.outbox;

import org.jspecify.annotations.NullMarked;
