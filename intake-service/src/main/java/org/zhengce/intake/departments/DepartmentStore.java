package org.zhengce.intake.departments;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The registry's tables, read and written over R2DBC. */
@Repository
class DepartmentStore {

    private static final String COLUMNS = "code, name, allowed_event_types, jurisdiction_scope,"
            + " rate_limit_per_second, enabled, created_at, updated_at";

    private final DatabaseClient db;

    DepartmentStore(DatabaseClient db) {
        this.db = db;
    }

    /** A stored key with its department, as authentication needs it. */
    record StoredKey(byte[] secretHash, @Nullable Instant revokedAt, Department department) {}

    /** Inserts the department; emits false if one with the same code exists. */
    Mono<Boolean> insert(Department d) {
        return db.sql("insert into departments (" + COLUMNS + ")"
                        + " values (:code, :name, :types, :scope, :rate, :enabled, :created, :updated)"
                        + " on conflict (code) do nothing")
                .bind("code", d.code())
                .bind("name", d.name())
                .bind("types", d.allowedEventTypes().stream().sorted().toArray(String[]::new))
                .bind("scope", d.jurisdictionScope().toArray(String[]::new))
                .bind("rate", d.rateLimitPerSecond())
                .bind("enabled", d.enabled())
                .bind("created", d.createdAt())
                .bind("updated", d.updatedAt())
                .fetch()
                .rowsUpdated()
                .map(rows -> rows == 1);
    }

    /** Replaces the mutable fields (name, types, scope, rate limit, enabled) of an existing department. */
    Mono<Department> update(Department d) {
        return db.sql("update departments set name = :name, allowed_event_types = :types,"
                        + " jurisdiction_scope = :scope, rate_limit_per_second = :rate, enabled = :enabled,"
                        + " updated_at = :updated where code = :code returning " + COLUMNS)
                .bind("code", d.code())
                .bind("name", d.name())
                .bind("types", d.allowedEventTypes().stream().sorted().toArray(String[]::new))
                .bind("scope", d.jurisdictionScope().toArray(String[]::new))
                .bind("rate", d.rateLimitPerSecond())
                .bind("enabled", d.enabled())
                .bind("updated", d.updatedAt())
                .map(DepartmentStore::department)
                .one();
    }

    Mono<Department> find(String code) {
        return db.sql("select " + COLUMNS + " from departments where code = :code")
                .bind("code", code)
                .map(DepartmentStore::department)
                .one();
    }

    Flux<Department> findAll() {
        return db.sql("select " + COLUMNS + " from departments order by code")
                .map(DepartmentStore::department)
                .all();
    }

    /**
     * Stores a new key and sets the revocation time of the department's other live keys to {@code revokeOthersAt}
     * (now, or later for a grace period), in one statement so that rotation is atomic.
     */
    Mono<Void> rotateKey(String code, String keyId, byte[] secretHash, Instant createdAt, Instant revokeOthersAt) {
        return db.sql("with revoked as (update department_api_keys set revoked_at = :revokeAt"
                        + "   where department_code = :code and (revoked_at is null or revoked_at > :revokeAt))"
                        + " insert into department_api_keys (key_id, department_code, secret_hash, created_at)"
                        + " values (:keyId, :code, :hash, :created)")
                .bind("revokeAt", revokeOthersAt)
                .bind("code", code)
                .bind("keyId", keyId)
                .bind("hash", secretHash)
                .bind("created", createdAt)
                .then();
    }

    Mono<StoredKey> findKey(String keyId) {
        return db.sql("select k.secret_hash, k.revoked_at, d.code, d.name, d.allowed_event_types,"
                        + " d.jurisdiction_scope, d.rate_limit_per_second, d.enabled, d.created_at, d.updated_at"
                        + " from department_api_keys k join departments d on d.code = k.department_code"
                        + " where k.key_id = :keyId")
                .bind("keyId", keyId)
                .map(row -> new StoredKey(
                        bytes(row.get("secret_hash", byte[].class)),
                        row.get("revoked_at", Instant.class),
                        department(row)))
                .one();
    }

    private static Department department(Readable row) {
        return new Department(
                text(row.get("code", String.class)),
                text(row.get("name", String.class)),
                Set.copyOf(Arrays.asList(texts(row.get("allowed_event_types", String[].class)))),
                List.of(texts(row.get("jurisdiction_scope", String[].class))),
                number(row.get("rate_limit_per_second", Integer.class)),
                Boolean.TRUE.equals(row.get("enabled", Boolean.class)),
                instant(row.get("created_at", Instant.class)),
                instant(row.get("updated_at", Instant.class)));
    }

    // The columns below are all "not null" in the schema; these turn a violated assumption into a clear error.

    private static String text(@Nullable String value) {
        if (value == null) {
            throw new IllegalStateException("departments: a not-null text column was null");
        }
        return value;
    }

    private static String[] texts(String @Nullable [] value) {
        return value == null ? new String[0] : value;
    }

    private static int number(@Nullable Integer value) {
        if (value == null) {
            throw new IllegalStateException("departments: rate_limit_per_second was null");
        }
        return value;
    }

    private static Instant instant(@Nullable Instant value) {
        if (value == null) {
            throw new IllegalStateException("departments: a timestamp column was null");
        }
        return value;
    }

    private static byte[] bytes(byte @Nullable [] value) {
        if (value == null) {
            throw new IllegalStateException("department_api_keys: secret_hash was null");
        }
        return value;
    }
}
