package org.zhengce.referral.policies;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Loads the policy-library file at start-up when its version is not loaded yet (as the jurisdictions seed does):
 * every programme and the parameters of every jurisdiction the file lists are written in one transaction with the
 * version row. The file is read and every rule compiled first, loaded before or not: a bad rule fails start-up.
 */
@Component
class PolicySeedLoader implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(PolicySeedLoader.class);

    private final PolicySettings settings;
    private final PolicyStore store;
    private final TransactionalOperator transactions;
    private final Clock clock;

    /** {@code migrations}: asked for so that Flyway has migrated the database before the file is loaded. */
    PolicySeedLoader(
            PolicySettings settings,
            PolicyStore store,
            TransactionalOperator transactions,
            Clock clock,
            FlywayMigrationInitializer migrations) {
        this.settings = settings;
        this.store = store;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        Resource library = settings.library();
        if (library != null) {
            load(library).block(Duration.ofMinutes(2));
        }
    }

    /** Emits true when the file's version was loaded by this call, false when it was loaded before. */
    Mono<Boolean> load(Resource resource) {
        PolicyLibraryFile file = PolicyLibraryFile.read(resource);
        String name = resource.getFilename() == null ? resource.getDescription() : resource.getFilename();
        String version = java.util.Objects.requireNonNull(file.version());
        Instant at = clock.instant();
        String actor = "seed:" + name + "@" + version;
        Map<String, Map<String, Map<String, java.math.BigDecimal>>> parameters = file.parameters();
        Mono<Boolean> load = store.markSeedLoaded(name, version, at)
                .flatMap(inserted -> !inserted
                        ? Mono.just(false)
                        : Flux.fromIterable(file.definitions())
                                .concatMap(definition -> store.saveProgramme(definition, actor, at)
                                        .thenMany(Flux.fromIterable(parameters
                                                .getOrDefault(definition.code(), Map.of())
                                                .entrySet()))
                                        .concatMap(entry -> store.saveParameters(
                                                definition.code(), entry.getKey(), entry.getValue(), actor, at)))
                                .then(Mono.just(true)));
        return transactions
                .transactional(load)
                .doOnNext(loaded -> log.info(
                        loaded ? "loaded policy library {} version {}" : "policy library {} version {} already loaded",
                        name,
                        version));
    }
}
