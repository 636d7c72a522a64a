package org.zhengce.intake.decisions;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.springframework.r2dbc.core.DatabaseClient;
import org.zhengce.kit.crypto.SealNotOpenedException;
import org.zhengce.kit.crypto.Sealer;
import reactor.core.publisher.Mono;

/**
 * The departments' webhook endpoints and their signing secrets. A secret is shown once, when it is made, and kept
 * sealed under intake's sealing keys ({@code intake.pipeline.sealing-keys}, the department's code as associated data,
 * so a sealed secret copied to another department's row does not open): signing needs the secret itself, so it cannot
 * be kept as a hash the way API keys are (ADR 0032).
 */
final class WebhookRegistry {

    /** Who set an endpoint. */
    enum RegisteredBy {
        CONFIGURATION,
        DEPARTMENT
    }

    /** A secret as kept: the sealing key's id and the sealed bytes. */
    record SealedSecret(String keyId, byte[] bytes) {

        @Override
        public boolean equals(Object other) {
            return other instanceof SealedSecret sealed
                    && keyId.equals(sealed.keyId)
                    && Arrays.equals(bytes, sealed.bytes);
        }

        @Override
        public int hashCode() {
            return 31 * keyId.hashCode() + Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "SealedSecret[" + keyId + ", " + bytes.length + " bytes]";
        }
    }

    /** An endpoint as the department sees it (never its secret). */
    record Webhook(String department, URI url, RegisteredBy registeredBy, Instant registeredAt) {}

    private final DatabaseClient db;
    private final Sealer sealer;

    WebhookRegistry(DatabaseClient db, Sealer sealer) {
        this.db = db;
        this.sealer = sealer;
    }

    /** Sets the department's endpoint and secret, replacing any earlier ones. */
    Mono<Webhook> register(String department, URI url, WebhookSecret secret, RegisteredBy by, Instant now) {
        Sealer.Sealed sealed = sealer.seal(associatedData(department), secret.bytes());
        return db.sql("insert into department_webhooks"
                        + " (department, url, secret_key_id, secret_sealed, registered_by, registered_at)"
                        + " values (:department, :url, :keyId, :sealed, :by, :now)"
                        + " on conflict (department) do update set url = excluded.url,"
                        + " secret_key_id = excluded.secret_key_id, secret_sealed = excluded.secret_sealed,"
                        + " registered_by = excluded.registered_by, registered_at = excluded.registered_at")
                .bind("department", department)
                .bind("url", url.toString())
                .bind("keyId", sealed.keyId())
                .bind("sealed", sealed.bytes())
                .bind("by", column(by))
                .bind("now", now)
                .then()
                .thenReturn(new Webhook(department, url, by, now));
    }

    /** The department's endpoint; empty if it has none. */
    Mono<Webhook> find(String department) {
        return db.sql(
                        "select url, registered_by, registered_at from department_webhooks where department = :department")
                .bind("department", department)
                .map(row -> new Webhook(
                        department,
                        URI.create(Objects.requireNonNull(row.get("url", String.class))),
                        RegisteredBy.valueOf(Objects.requireNonNull(row.get("registered_by", String.class))
                                .toUpperCase(java.util.Locale.ROOT)),
                        Objects.requireNonNull(row.get("registered_at", Instant.class))))
                .one();
    }

    /** Opens a kept secret for signing. */
    WebhookSecret open(String department, SealedSecret sealed) {
        try {
            return WebhookSecret.of(
                    sealer.open(associatedData(department), new Sealer.Sealed(sealed.keyId(), sealed.bytes())));
        } catch (SealNotOpenedException e) {
            throw new IllegalStateException(
                    "the webhook secret of " + department + " does not open (its sealing key " + sealed.keyId()
                            + " removed?): register the endpoint again",
                    e);
        }
    }

    private static byte[] associatedData(String department) {
        return ("webhook-secret:" + department).getBytes(StandardCharsets.UTF_8);
    }

    private static String column(RegisteredBy by) {
        return by.name().toLowerCase(java.util.Locale.ROOT);
    }
}
