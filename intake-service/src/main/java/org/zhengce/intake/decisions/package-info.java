/**
 * Decisions shared back to departments that cannot read Kafka (issue 20, item 6; ADR 0032): intake reads every
 * {@code decisions.<code>} topic into its own database ({@link org.zhengce.intake.decisions.DecisionLedger}), and a
 * department fetches its own by polling with a cursor ({@code GET /decisions}) or registers an HTTPS endpoint that
 * receives each decision signed per the Standard Webhooks specification, retried and logged
 * ({@link org.zhengce.intake.decisions.DecisionDelivery}).
 */
@org.jspecify.annotations.NullMarked
package org.zhengce.intake.decisions;
