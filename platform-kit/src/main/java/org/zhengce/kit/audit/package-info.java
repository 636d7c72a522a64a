/**
 * One audit trail for every service (ADR 0013): an append-only, hash-chained table ({@code audit_trail}) of every
 * read and change, allowed or refused, by a user (their id) or the platform ({@code system:<component>}). Each row's
 * hash is SHA-256 over the previous row's hash, its position and its canonical content ({@link AuditChain}); writers
 * are serialised by one chain-head row, so the chain is one sequence. {@link AuditTrail} appends and reads over R2DBC
 * under the service's runtime role, which may only insert and select rows (its start checks that);
 * {@link VerifyAuditTrail} walks the chain from the command line, {@link AuditTrailEndpoint} from an admin endpoint,
 * and report the first removed, inserted or edited row. The table comes with {@link AuditTrailMigration}, which a
 * service's Flyway migration subclasses under its own version.
 */
@NullMarked
package org.zhengce.kit.audit;

import org.jspecify.annotations.NullMarked;
