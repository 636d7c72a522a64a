package db.scoring;

import org.zhengce.kit.audit.AuditTrailMigration;

/** The kit's hash-chained audit trail (ADR 0013), owned by the migrating role; the service may only append to it. */
public class V1__Audit_trail extends AuditTrailMigration {}
