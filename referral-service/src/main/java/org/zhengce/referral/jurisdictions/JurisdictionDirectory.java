package org.zhengce.referral.jurisdictions;

import io.r2dbc.spi.Readable;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.zhengce.referral.resources.OrganisationKind;
import org.zhengce.referral.resources.ServiceMenu;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The jurisdictions of the city and the people who work in them: who covers a community, who supervises a street
 * or district. Changes are made by the admin API and the seed file; a change of jurisdictions or supervisors, once
 * committed, is announced ({@link DirectoryChanged}) so that the {@code jurisdictions} topic follows it.
 */
@Service
public class JurisdictionDirectory {

    private final DatabaseClient db;
    private final TransactionalOperator transactions;
    private final ServiceMenu menu;
    private final ApplicationEventPublisher events;

    JurisdictionDirectory(
            DatabaseClient db, TransactionalOperator transactions, ServiceMenu menu, ApplicationEventPublisher events) {
        this.db = db;
        this.transactions = transactions;
        this.menu = menu;
        this.events = events;
    }

    // --- jurisdictions

    public Flux<Jurisdiction> jurisdictions() {
        return db.sql("select code, name, level, parent_code from jurisdictions order by code")
                .map(row -> jurisdiction(row))
                .all();
    }

    public Mono<Jurisdiction> jurisdiction(String code) {
        return db.sql("select code, name, level, parent_code from jurisdictions where code = :code")
                .bind("code", code)
                .map(row -> jurisdiction(row))
                .one()
                .switchIfEmpty(Mono.error(() -> DirectoryProblem.notFound("jurisdiction", "code", code)));
    }

    /** Adds a jurisdiction under its parent (the code's prefix of the level above); 409 if the code exists. */
    public Mono<Jurisdiction> create(String code, String name) {
        return checkedJurisdiction(code, name)
                .flatMap(jurisdiction -> exists("jurisdictions", "code", code)
                        .flatMap(exists -> exists
                                ? Mono.error(DirectoryProblem.exists("jurisdiction", "code", code))
                                : upsert(jurisdiction)))
                .doOnSuccess(this::announce);
    }

    /** Renames a jurisdiction (its code, and so its level and parent, never change). */
    public Mono<Jurisdiction> rename(String code, String name) {
        return jurisdiction(code)
                .flatMap(existing -> upsert(new Jurisdiction(code, name, existing.level(), existing.parentCode())))
                .doOnSuccess(this::announce);
    }

    Mono<Jurisdiction> checkedJurisdiction(String code, String name) {
        JurisdictionLevel level = JurisdictionLevel.ofCode(code).orElse(null);
        if (level == null) {
            return Mono.error(DirectoryProblem.invalid(
                    "code", code, "must be 4 (city), 6 (district), 9 (street) or 12 (community) digits"));
        }
        if (level == JurisdictionLevel.CITY) {
            return Mono.just(new Jurisdiction(code, name, level, null));
        }
        JurisdictionLevel parentLevel = JurisdictionLevel.values()[level.ordinal() - 1];
        String parent = JurisdictionLevel.ancestor(code, parentLevel);
        return exists("jurisdictions", "code", parent)
                .flatMap(exists -> exists
                        ? Mono.just(new Jurisdiction(code, name, level, parent))
                        : Mono.error(DirectoryProblem.invalid(
                                "code",
                                code,
                                "its " + parentLevel.name().toLowerCase() + " " + parent + " is unknown")));
    }

    Mono<Jurisdiction> upsert(Jurisdiction jurisdiction) {
        DatabaseClient.GenericExecuteSpec sql = db.sql("insert into jurisdictions (code, name, level, parent_code)"
                        + " values (:code, :name, :level, :parent)"
                        + " on conflict (code) do update set name = excluded.name")
                .bind("code", jurisdiction.code())
                .bind("name", jurisdiction.name())
                .bind("level", jurisdiction.level().name());
        sql = jurisdiction.parentCode() == null
                ? sql.bindNull("parent", String.class)
                : sql.bind("parent", jurisdiction.parentCode());
        return sql.then().thenReturn(jurisdiction);
    }

    // --- advisors

    public Flux<Advisor> advisors() {
        return db.sql("select a.id, a.name, a.kind, array_remove(array_agg(c.community_code order by"
                        + " c.community_code), null) as communities from advisors a left join advisor_communities c"
                        + " on c.advisor_id = a.id group by a.id order by a.id")
                .map(row -> advisor(row))
                .all();
    }

    public Mono<Advisor> advisor(String id) {
        return advisors()
                .filter(advisor -> advisor.id().equals(id))
                .next()
                .switchIfEmpty(Mono.error(() -> DirectoryProblem.notFound("advisor", "id", id)));
    }

    /** The advisors covering {@code communityCode}, by id. */
    public Flux<Advisor> advisorsCovering(String communityCode) {
        return advisors().filter(advisor -> advisor.communities().contains(communityCode));
    }

    /** Adds ({@code create}: 409 if the id exists) or replaces (404 if unknown) an advisor. */
    public Mono<Advisor> save(Advisor advisor, boolean create) {
        Mono<Advisor> write = mustExist("advisors", "advisor", advisor.id(), create)
                .then(communities("communities", advisor.communities()))
                .then(db.sql("insert into advisors (id, name, kind) values (:id, :name, :kind)"
                                + " on conflict (id) do update set name = excluded.name, kind = excluded.kind")
                        .bind("id", advisor.id())
                        .bind("name", advisor.name())
                        .bind("kind", advisor.kind().name())
                        .then())
                .then(db.sql("delete from advisor_communities where advisor_id = :id")
                        .bind("id", advisor.id())
                        .then())
                .then(db.sql("insert into advisor_communities (advisor_id, community_code)"
                                + " select :id, c from unnest(:codes::text[]) as c")
                        .bind("id", advisor.id())
                        .bind("codes", advisor.communities().toArray(String[]::new))
                        .then())
                .thenReturn(advisor);
        return transactions.transactional(write);
    }

    // --- supervisors

    public Flux<Supervisor> supervisors() {
        return db.sql("select id, name, jurisdiction_code from supervisors order by id")
                .map(row -> supervisor(row))
                .all();
    }

    /**
     * The supervisor responsible for {@code communityCode}: its street's, else its district's (the smallest id
     * when several supervise the same jurisdiction).
     */
    public Mono<Supervisor> supervisorOf(String communityCode) {
        return db.sql("select id, name, jurisdiction_code from supervisors where jurisdiction_code in (:street,"
                        + " :district) order by length(jurisdiction_code) desc, id limit 1")
                .bind("street", JurisdictionLevel.ancestor(communityCode, JurisdictionLevel.STREET))
                .bind("district", JurisdictionLevel.ancestor(communityCode, JurisdictionLevel.DISTRICT))
                .map(row -> supervisor(row))
                .one();
    }

    public Mono<Supervisor> save(Supervisor supervisor, boolean create) {
        JurisdictionLevel level =
                JurisdictionLevel.ofCode(supervisor.jurisdictionCode()).orElse(JurisdictionLevel.CITY);
        if (level != JurisdictionLevel.STREET && level != JurisdictionLevel.DISTRICT) {
            return Mono.error(DirectoryProblem.invalid(
                    "jurisdiction",
                    supervisor.jurisdictionCode(),
                    "must be a street (9 digits) or district (6 digits)"));
        }
        Mono<Supervisor> write = mustExist("supervisors", "supervisor", supervisor.id(), create)
                .then(exists("jurisdictions", "code", supervisor.jurisdictionCode()))
                .flatMap(known -> known
                        ? Mono.empty()
                        : Mono.error(DirectoryProblem.invalid(
                                "jurisdiction", supervisor.jurisdictionCode(), "unknown jurisdiction")))
                .then(db.sql("insert into supervisors (id, name, jurisdiction_code) values (:id, :name, :code)"
                                + " on conflict (id) do update set name = excluded.name,"
                                + " jurisdiction_code = excluded.jurisdiction_code")
                        .bind("id", supervisor.id())
                        .bind("name", supervisor.name())
                        .bind("code", supervisor.jurisdictionCode())
                        .then())
                .thenReturn(supervisor);
        return transactions.transactional(write).doOnSuccess(this::announce);
    }

    // --- organisations

    public Flux<Organisation> organisations() {
        return db.sql(
                        "select o.id, o.name, o.kind, o.services, o.capacity, array_remove(array_agg(c.community_code order"
                                + " by c.community_code), null) as communities from organisations o left join"
                                + " organisation_communities c on c.organisation_id = o.id group by o.id order by o.id")
                .map(row -> new Organisation(
                        string(row, "id"),
                        string(row, "name"),
                        OrganisationKind.valueOf(string(row, "kind")),
                        strings(row.get("services", String[].class)),
                        Objects.requireNonNull(row.get("capacity", Integer.class)),
                        strings(row.get("communities", String[].class))))
                .all();
    }

    /**
     * Adds ({@code create}: 409 if the id exists) or replaces (404 if unknown) an organisation; its services must be
     * items of the service menu and its communities known (400 naming {@code services} or {@code communities}).
     */
    public Mono<Organisation> save(Organisation organisation, boolean create) {
        List<String> unknownServices = organisation.services().stream()
                .filter(service -> !menu.has(service))
                .distinct()
                .toList();
        if (!unknownServices.isEmpty()) {
            return Mono.error(DirectoryProblem.invalid(
                    "services",
                    String.join(",", unknownServices),
                    "not items of the service menu: " + unknownServices));
        }
        Mono<Organisation> write = mustExist("organisations", "organisation", organisation.id(), create)
                .then(communities("communities", organisation.communities()))
                .then(db.sql("insert into organisations (id, name, kind, services, capacity) values (:id, :name,"
                                + " :kind, :services, :capacity) on conflict (id) do update set name ="
                                + " excluded.name, kind = excluded.kind, services = excluded.services, capacity ="
                                + " excluded.capacity")
                        .bind("id", organisation.id())
                        .bind("name", organisation.name())
                        .bind("kind", organisation.kind().name())
                        .bind("services", organisation.services().toArray(String[]::new))
                        .bind("capacity", organisation.capacity())
                        .then())
                .then(db.sql("delete from organisation_communities where organisation_id = :id")
                        .bind("id", organisation.id())
                        .then())
                .then(db.sql("insert into organisation_communities (organisation_id, community_code)"
                                + " select :id, c from unnest(:codes::text[]) as c")
                        .bind("id", organisation.id())
                        .bind("codes", organisation.communities().toArray(String[]::new))
                        .then())
                .thenReturn(organisation);
        return transactions.transactional(write);
    }

    // --- helpers

    /** After a committed change of jurisdictions or supervisors: the topic is brought up to date. */
    private void announce(@Nullable Object changed) {
        if (changed != null) {
            events.publishEvent(new DirectoryChanged());
        }
    }

    /** 400 naming {@code field} unless every code is a known community. */
    private Mono<Void> communities(String field, Collection<String> codes) {
        if (codes.isEmpty()) {
            return Mono.error(DirectoryProblem.invalid(field, "[]", "at least one community is needed"));
        }
        return db.sql("select code from jurisdictions where level = 'COMMUNITY' and code = any(:codes::text[])")
                .bind("codes", codes.toArray(String[]::new))
                .map(row -> string(row, "code"))
                .all()
                .collect(java.util.stream.Collectors.toSet())
                .flatMap(known -> {
                    Set<String> unknown = new TreeSet<>(codes);
                    unknown.removeAll(known);
                    return unknown.isEmpty()
                            ? Mono.empty()
                            : Mono.error(DirectoryProblem.invalid(
                                    field, String.join(",", unknown), "unknown community codes " + unknown));
                });
    }

    private Mono<Void> mustExist(String table, String kind, String id, boolean create) {
        return exists(table, "id", id).flatMap(exists -> {
            if (create && exists) {
                return Mono.error(DirectoryProblem.exists(kind, "id", id));
            }
            if (!create && !exists) {
                return Mono.error(DirectoryProblem.notFound(kind, "id", id));
            }
            return Mono.empty();
        });
    }

    private Mono<Boolean> exists(String table, String column, String value) {
        return db.sql("select exists (select 1 from " + table + " where " + column + " = :value)")
                .bind("value", value)
                .map(row -> Boolean.TRUE.equals(row.get(0, Boolean.class)))
                .one();
    }

    private static Jurisdiction jurisdiction(Readable row) {
        return new Jurisdiction(
                string(row, "code"),
                string(row, "name"),
                JurisdictionLevel.valueOf(string(row, "level")),
                row.get("parent_code", String.class));
    }

    private static Advisor advisor(Readable row) {
        return new Advisor(
                string(row, "id"),
                string(row, "name"),
                AdvisorKind.valueOf(string(row, "kind")),
                strings(row.get("communities", String[].class)));
    }

    private static Supervisor supervisor(Readable row) {
        return new Supervisor(string(row, "id"), string(row, "name"), string(row, "jurisdiction_code"));
    }

    private static String string(Readable row, String column) {
        return Objects.requireNonNull(row.get(column, String.class), column);
    }

    private static List<String> strings(String @Nullable [] values) {
        return values == null ? List.of() : Arrays.asList(values);
    }
}
