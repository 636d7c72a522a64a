package org.zhengce.referral.jurisdictions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.core.io.Resource;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.zhengce.referral.resources.ServiceMenu;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Loads the seed file at start-up, before the listeners start, when its version is not loaded yet: jurisdictions,
 * advisors, supervisors and organisations are upserted in one transaction with the version row. A version loaded
 * once is never loaded again, so changes made since through the admin API stay.
 */
@Component
class SeedLoader implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(SeedLoader.class);

    private final JurisdictionSettings settings;
    private final JurisdictionDirectory directory;
    private final DatabaseClient db;
    private final TransactionalOperator transactions;
    private final Clock clock;
    private final ServiceMenu menu;

    /** {@code migrations}: asked for so that Flyway has migrated the database before the seed is loaded. */
    SeedLoader(
            JurisdictionSettings settings,
            JurisdictionDirectory directory,
            DatabaseClient db,
            TransactionalOperator transactions,
            Clock clock,
            ServiceMenu menu,
            FlywayMigrationInitializer migrations) {
        this.settings = settings;
        this.directory = directory;
        this.db = db;
        this.transactions = transactions;
        this.clock = clock;
        this.menu = menu;
    }

    @Override
    public void afterPropertiesSet() {
        Resource seed = settings.seed();
        if (seed != null) {
            load(seed).block(Duration.ofMinutes(2));
        }
    }

    /**
     * Emits true when the file's version was loaded by this call, false when it was loaded before. A file whose
     * organisations offer a service that is not on the service menu fails, loaded before or not.
     */
    Mono<Boolean> load(Resource resource) {
        SeedFile seed = read(resource);
        checkServices(resource, seed, menu);
        String name = resource.getFilename() == null ? resource.getDescription() : resource.getFilename();
        Mono<Boolean> load = db.sql("insert into seed_versions (seed, version, loaded_at) values (:seed, :version, :at)"
                        + " on conflict do nothing")
                .bind("seed", name)
                .bind("version", seed.version())
                .bind("at", clock.instant())
                .fetch()
                .rowsUpdated()
                .flatMap(inserted ->
                        inserted == 0 ? Mono.just(false) : write(seed).thenReturn(true));
        return transactions
                .transactional(load)
                .doOnNext(loaded -> log.info(
                        loaded ? "loaded jurisdictions {} version {}" : "jurisdictions {} version {} already loaded",
                        name,
                        seed.version()));
    }

    private Mono<Void> write(SeedFile seed) {
        return Flux.fromIterable(seed.city().flatten())
                .concatMap(area ->
                        directory.checkedJurisdiction(area.code(), area.name()).flatMap(directory::upsert))
                .thenMany(Flux.fromIterable(seed.advisors())
                        .concatMap(a -> upsert(new Advisor(a.id(), a.name(), a.kind(), a.communities()))))
                .thenMany(Flux.fromIterable(seed.supervisors())
                        .concatMap(s -> upsert(new Supervisor(s.id(), s.name(), s.jurisdiction()))))
                .thenMany(Flux.fromIterable(seed.organisations())
                        .map(SeedFile.SeedOrganisation::organisation)
                        .concatMap(this::upsert))
                .then();
    }

    private Mono<Advisor> upsert(Advisor advisor) {
        return directory
                .advisors()
                .any(a -> a.id().equals(advisor.id()))
                .flatMap(exists -> directory.save(advisor, !exists));
    }

    private Mono<Supervisor> upsert(Supervisor supervisor) {
        return directory
                .supervisors()
                .any(s -> s.id().equals(supervisor.id()))
                .flatMap(exists -> directory.save(supervisor, !exists));
    }

    private Mono<Organisation> upsert(Organisation organisation) {
        return directory
                .organisations()
                .any(o -> o.id().equals(organisation.id()))
                .flatMap(exists -> directory.save(organisation, !exists));
    }

    /** Fails naming the organisation and the item when an organisation offers a service the menu lacks. */
    static void checkServices(Resource resource, SeedFile seed, ServiceMenu menu) {
        for (SeedFile.SeedOrganisation organisation : seed.organisations()) {
            for (String service : organisation.services() == null ? List.<String>of() : organisation.services()) {
                if (!menu.has(service)) {
                    throw new IllegalStateException("referral.jurisdictions.seed: " + resource.getDescription()
                            + ": organisation " + organisation.id() + " offers '" + service
                            + "', which is not an item of the service menu (version " + menu.version() + ")");
                }
            }
        }
    }

    static SeedFile read(Resource resource) {
        ObjectMapper yaml = YAMLMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        try (InputStream in = resource.getInputStream()) {
            return yaml.readValue(in, SeedFile.class);
        } catch (IOException e) {
            throw new UncheckedIOException("referral.jurisdictions.seed: cannot read " + resource.getDescription(), e);
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "referral.jurisdictions.seed: " + resource.getDescription() + " is invalid: " + e.getMessage(), e);
        }
    }
}
