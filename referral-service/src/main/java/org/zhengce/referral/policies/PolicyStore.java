package org.zhengce.referral.policies;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The policy library's tables: programmes, their parameters per jurisdiction, and every change. */
@Repository
class PolicyStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, BigDecimal>> PARAMETERS = new TypeReference<>() {};

    private final DatabaseClient db;

    PolicyStore(DatabaseClient db) {
        this.db = db;
    }

    /** The library as stored, compiled; fails naming the programme and field of a rule that no longer parses. */
    Mono<RuleBook> load() {
        Mono<List<ProgrammeDefinition>> programmes = db.sql(
                        "select definition::text as definition from programmes order by position, code")
                .map(row -> JSON.readValue(
                        Objects.requireNonNull(row.get("definition", String.class)), ProgrammeDefinition.class))
                .all()
                .collectList();
        Mono<Map<String, Map<String, Map<String, BigDecimal>>>> parameters = db.sql(
                        "select programme_code, jurisdiction_code, parameters::text as parameters from"
                                + " programme_parameters order by programme_code, jurisdiction_code")
                .map(row -> new Object[] {
                    row.get("programme_code", String.class),
                    row.get("jurisdiction_code", String.class),
                    JSON.readValue(Objects.requireNonNull(row.get("parameters", String.class)), PARAMETERS)
                })
                .all()
                .collect(LinkedHashMap::new, (all, row) -> {
                    @SuppressWarnings("unchecked")
                    Map<String, BigDecimal> values = (Map<String, BigDecimal>) row[2];
                    all.computeIfAbsent((String) row[0], code -> new LinkedHashMap<>())
                            .put((String) row[1], values);
                });
        return Mono.zip(programmes, parameters, revision()).map(loaded -> {
            try {
                return RuleBook.of(loaded.getT1(), loaded.getT2(), loaded.getT3());
            } catch (InvalidRuleException e) {
                throw new IllegalStateException("the policy library in the database is invalid: " + e.getMessage(), e);
            }
        });
    }

    /** The library's revision: its latest change, 0 when empty. */
    Mono<Long> revision() {
        return db.sql("select coalesce(max(revision), 0) as revision from policy_library_changes")
                .map(row -> Objects.requireNonNull(row.get("revision", Long.class)))
                .one();
    }

    /** Adds or replaces a programme's definition (a new one goes last); run inside a transaction. */
    Mono<Long> saveProgramme(ProgrammeDefinition definition, String actor, Instant at) {
        String body = JSON.writeValueAsString(definition);
        return change(definition.code(), null, body, actor, at)
                .flatMap(revision -> db.sql("insert into programmes (code, position, symbol, definition, revision,"
                                + " updated_at, updated_by) values (:code, (select coalesce(max(position), 0) + 1"
                                + " from programmes), :symbol, :definition::jsonb, :revision, :at, :actor)"
                                + " on conflict (code) do update set symbol = excluded.symbol, definition ="
                                + " excluded.definition, revision = excluded.revision, updated_at ="
                                + " excluded.updated_at, updated_by = excluded.updated_by")
                        .bind("code", definition.code())
                        .bind("symbol", definition.symbol().name())
                        .bind("definition", body)
                        .bind("revision", revision)
                        .bind("at", at)
                        .bind("actor", actor)
                        .then()
                        .thenReturn(revision));
    }

    /** Replaces a programme's parameters for one jurisdiction; run inside a transaction. */
    Mono<Long> saveParameters(
            String programmeCode,
            String jurisdictionCode,
            Map<String, BigDecimal> parameters,
            String actor,
            Instant at) {
        String body = JSON.writeValueAsString(parameters);
        return change(programmeCode, jurisdictionCode, body, actor, at)
                .flatMap(revision -> db.sql("insert into programme_parameters (programme_code, jurisdiction_code,"
                                + " parameters, revision, updated_at, updated_by) values (:code, :jurisdiction,"
                                + " :parameters::jsonb, :revision, :at, :actor) on conflict (programme_code,"
                                + " jurisdiction_code) do update set parameters = excluded.parameters, revision ="
                                + " excluded.revision, updated_at = excluded.updated_at, updated_by ="
                                + " excluded.updated_by")
                        .bind("code", programmeCode)
                        .bind("jurisdiction", jurisdictionCode)
                        .bind("parameters", body)
                        .bind("revision", revision)
                        .bind("at", at)
                        .bind("actor", actor)
                        .then()
                        .thenReturn(revision));
    }

    /** Records a loaded seed version; emits false when it was loaded before. */
    Mono<Boolean> markSeedLoaded(String seed, String version, Instant at) {
        return db.sql("insert into policy_seed_versions (seed, version, loaded_at) values (:seed, :version, :at)"
                        + " on conflict do nothing")
                .bind("seed", seed)
                .bind("version", version)
                .bind("at", at)
                .fetch()
                .rowsUpdated()
                .map(inserted -> inserted > 0);
    }

    private Mono<Long> change(
            String programmeCode,
            @org.jspecify.annotations.Nullable String jurisdictionCode,
            String body,
            String actor,
            Instant at) {
        DatabaseClient.GenericExecuteSpec sql = db.sql("insert into policy_library_changes (changed_at, changed_by,"
                        + " programme_code, jurisdiction_code, body) values (:at, :actor, :code, :jurisdiction,"
                        + " :body::jsonb) returning revision")
                .bind("at", at)
                .bind("actor", actor)
                .bind("code", programmeCode)
                .bind("body", body);
        sql = jurisdictionCode == null
                ? sql.bindNull("jurisdiction", String.class)
                : sql.bind("jurisdiction", jurisdictionCode);
        return sql.map(row -> Objects.requireNonNull(row.get("revision", Long.class)))
                .one();
    }
}
