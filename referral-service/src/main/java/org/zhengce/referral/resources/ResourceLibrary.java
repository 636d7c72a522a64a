package org.zhengce.referral.resources;

import io.r2dbc.spi.Readable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;

/**
 * The resource library (资源库): which organisations, caring companies and volunteer teams can give a service in a
 * community, and whether they have room. An organisation's load is its referrals in {@code case_referrals} that
 * are {@code PROPOSED} or {@code ACCEPTED}; its free capacity is its capacity less that load.
 */
@Service
public class ResourceLibrary {

    private static final String LOAD = "(select count(*) from case_referrals r where r.organisation_id = o.id"
            + " and r.status in ('PROPOSED', 'ACCEPTED'))";

    private final DatabaseClient db;
    private final ServiceMenu menu;

    ResourceLibrary(DatabaseClient db, ServiceMenu menu) {
        this.db = db;
        this.menu = menu;
    }

    /**
     * For each requested service-menu item (in the order asked, each once), the resources covering {@code
     * communityCode} that offer it and have free capacity, the most free first; the full ones are listed by id
     * only. An item no one offers there gives an empty match. An unknown item is refused (400 naming {@code
     * service}).
     */
    public Mono<List<ResourceMatch>> match(String communityCode, List<String> serviceItems) {
        Set<String> items = new LinkedHashSet<>(serviceItems);
        for (String item : items) {
            if (!menu.has(item)) {
                return Mono.error(ResourceProblem.invalid("service", item, "not an item of the service menu"));
            }
        }
        if (items.isEmpty()) {
            return Mono.just(List.of());
        }
        return db.sql("select o.id, o.name, o.kind, o.capacity, o.services, " + LOAD + " as open_referrals"
                        + " from organisations o join organisation_communities c on c.organisation_id = o.id"
                        + " where c.community_code = :community and o.services && :items::text[]")
                .bind("community", communityCode)
                .bind("items", items.toArray(String[]::new))
                .map(ResourceLibrary::offer)
                .all()
                .collectList()
                .map(offers ->
                        items.stream().map(item -> matchOne(item, offers)).toList());
    }

    private ResourceMatch matchOne(String item, List<Offer> offers) {
        List<MatchedResource> available = new ArrayList<>();
        List<String> full = new ArrayList<>();
        for (Offer offer : offers) {
            if (!offer.services().contains(item)) {
                continue;
            }
            int free = offer.capacity() - offer.openReferrals();
            if (free > 0) {
                available.add(new MatchedResource(
                        offer.id(), offer.name(), offer.kind(), offer.capacity(), offer.openReferrals(), free));
            } else {
                full.add(offer.id());
            }
        }
        available.sort(Comparator.comparingInt(MatchedResource::freeCapacity)
                .reversed()
                .thenComparing(MatchedResource::organisationId));
        full.sort(Comparator.naturalOrder());
        ServiceItem menuItem = menu.item(item).orElseThrow();
        return new ResourceMatch(item, menuItem.nameZh(), menuItem.nameEn(), available, full);
    }

    /** True when the organisation can take another case now (a snapshot: use {@link #reserve} to commit one). */
    public Mono<Boolean> hasCapacity(String organisationId) {
        return db.sql("select o.capacity, " + LOAD + " as open_referrals from organisations o where o.id = :id")
                .bind("id", organisationId)
                .map(row -> count(row, "capacity") > count(row, "open_referrals"))
                .one()
                .switchIfEmpty(Mono.error(() -> ResourceProblem.unknownOrganisation(organisationId)));
    }

    /**
     * Guards the organisation's capacity for a referral about to be recorded: locks its row ({@code select ... for
     * update}) until the caller's transaction ends, then checks that its open referrals are below its capacity.
     * Call it inside the R2DBC transaction that inserts the {@code PROPOSED} {@code case_referrals} row, before the
     * insert: concurrent reservations of the same organisation then wait for each other, and the second sees the
     * first's row. Fails with a 409 {@link ResourceProblem} when full, 404 when the organisation is unknown, and
     * {@link IllegalStateException} when called outside a transaction (the lock would guard nothing).
     */
    public Mono<Void> reserve(String organisationId) {
        return inTransaction()
                .flatMap(active -> active
                        ? Mono.empty()
                        : Mono.error(new IllegalStateException("ResourceLibrary.reserve(" + organisationId
                                + ") must run inside the transaction that records the referral")))
                .then(db.sql("select capacity from organisations where id = :id for update")
                        .bind("id", organisationId)
                        .map(row -> count(row, "capacity"))
                        .one()
                        .switchIfEmpty(Mono.error(() -> ResourceProblem.unknownOrganisation(organisationId))))
                .flatMap(capacity -> db.sql("select count(*) as open_referrals from case_referrals where"
                                + " organisation_id = :id and status in ('PROPOSED', 'ACCEPTED')")
                        .bind("id", organisationId)
                        .map(row -> count(row, "open_referrals"))
                        .one()
                        .flatMap(open -> open < capacity
                                ? Mono.<Void>empty()
                                : Mono.error(ResourceProblem.full(organisationId, capacity, open))));
    }

    private static Mono<Boolean> inTransaction() {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .map(TransactionSynchronizationManager::isActualTransactionActive)
                .onErrorResume(NoTransactionException.class, e -> Mono.just(false))
                .defaultIfEmpty(false);
    }

    private record Offer(
            String id, String name, OrganisationKind kind, int capacity, int openReferrals, List<String> services) {}

    private static Offer offer(Readable row) {
        String[] services = row.get("services", String[].class);
        return new Offer(
                Objects.requireNonNull(row.get("id", String.class)),
                Objects.requireNonNull(row.get("name", String.class)),
                OrganisationKind.valueOf(Objects.requireNonNull(row.get("kind", String.class))),
                count(row, "capacity"),
                count(row, "open_referrals"),
                services == null ? List.of() : Arrays.asList(services));
    }

    private static int count(Readable row, String column) {
        @Nullable Number value = row.get(column, Number.class);
        return value == null ? 0 : value.intValue();
    }
}
