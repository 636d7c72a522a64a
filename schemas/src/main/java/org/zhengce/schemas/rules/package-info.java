/**
 * Runs the domain rules of a schema version's data contract (Confluent's {@code CEL} and {@code CEL_FIELD} rule types,
 * {@code CONDITION} and {@code TRANSFORM} kinds, {@code WRITE}/{@code READ}/{@code WRITEREAD} modes, {@code NONE},
 * {@code ERROR} and {@code DLQ} actions) on Avro values, for the serde (ADR 0029). {@link
 * org.zhengce.schemas.rules.DomainRules} is the facade; a rule that fails with an error action raises {@link
 * org.zhengce.schemas.rules.RuleFailedException}.
 */
@NullMarked
package org.zhengce.schemas.rules;

import org.jspecify.annotations.NullMarked;
