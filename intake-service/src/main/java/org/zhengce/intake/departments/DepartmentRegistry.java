package org.zhengce.intake.departments;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The registry's facade: registers and changes departments, issues their API keys and checks presented keys. */
@Service
@EnableConfigurationProperties(DepartmentSettings.class)
public class DepartmentRegistry {

    private static final Logger log = LoggerFactory.getLogger(DepartmentRegistry.class);

    private final DepartmentStore store;
    private final DepartmentSettings settings;
    private final Clock clock;

    DepartmentRegistry(DepartmentStore store, DepartmentSettings settings, ObjectProvider<Clock> clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** What an admin gives to register a department, or to change one (the code then comes from the path). */
    public record DepartmentTerms(
            String name, Set<String> allowedEventTypes, List<String> jurisdictionScope, int rateLimitPerSecond) {}

    /**
     * Registers an enabled department; fails with {@link DepartmentUnknownToTheDataStandardException} if the code is
     * not a department of the data standard (or is its placeholder {@code OTHER}), with {@link
     * DepartmentAlreadyExistsException} if the code is taken.
     */
    public Mono<Department> register(String code, DepartmentTerms terms) {
        var refusal = DepartmentUnknownToTheDataStandardException.refusalOf(code);
        if (refusal.isPresent()) {
            return Mono.error(refusal.get());
        }
        Instant now = clock.instant();
        Department department = new Department(
                code,
                terms.name(),
                terms.allowedEventTypes(),
                terms.jurisdictionScope(),
                terms.rateLimitPerSecond(),
                true,
                now,
                now);
        return store.insert(department).flatMap(inserted -> {
            if (!inserted) {
                return Mono.error(new DepartmentAlreadyExistsException(code));
            }
            log.info("department {} registered", code);
            return Mono.just(department);
        });
    }

    /** The department, or {@link DepartmentNotFoundException}. */
    public Mono<Department> get(String code) {
        return store.find(code).switchIfEmpty(Mono.error(() -> new DepartmentNotFoundException(code)));
    }

    public Flux<Department> list() {
        return store.findAll();
    }

    /** Replaces name, allowed types, scope and rate limit; the enabled flag is kept. */
    public Mono<Department> change(String code, DepartmentTerms terms) {
        return get(code)
                .flatMap(d -> store.update(new Department(
                        code,
                        terms.name(),
                        terms.allowedEventTypes(),
                        terms.jurisdictionScope(),
                        terms.rateLimitPerSecond(),
                        d.enabled(),
                        d.createdAt(),
                        clock.instant())));
    }

    /** Enables or disables the department; a disabled department's keys and tokens are refused with 403. */
    public Mono<Department> setEnabled(String code, boolean enabled) {
        return get(code)
                .flatMap(d -> store.update(new Department(
                        code,
                        d.name(),
                        d.allowedEventTypes(),
                        d.jurisdictionScope(),
                        d.rateLimitPerSecond(),
                        enabled,
                        d.createdAt(),
                        clock.instant())))
                .doOnNext(d -> log.info("department {} {}", code, enabled ? "enabled" : "disabled"));
    }

    /**
     * Issues a new API key and revokes the department's older keys (at once, or after
     * {@code intake.departments.key-rotation-grace}). The returned key is the only copy of the secret.
     */
    public Mono<IssuedApiKey> issueKey(String code) {
        ApiKeys.Generated key = ApiKeys.generate();
        Instant now = clock.instant();
        return get(code)
                .flatMap(d -> store.rotateKey(
                                code, key.keyId(), key.secretHash(), now, now.plus(settings.keyRotationGrace()))
                        .thenReturn(new IssuedApiKey(code, key.keyId(), key.apiKey(), now)))
                .doOnNext(issued -> log.info("department {} issued API key {}", code, issued.keyId()));
    }

    /**
     * The department a presented {@code X-API-Key} value belongs to, whether enabled or not; empty if the
     * key is malformed, unknown, revoked or does not match.
     */
    public Mono<Department> departmentOfKey(String apiKey) {
        return Mono.justOrEmpty(ApiKeys.parse(apiKey))
                .flatMap(presented -> store.findKey(presented.keyId())
                        .filter(stored -> ApiKeys.matches(presented.secret(), stored.secretHash()))
                        .filter(stored ->
                                stored.revokedAt() == null || stored.revokedAt().isAfter(clock.instant()))
                        .map(DepartmentStore.StoredKey::department));
    }
}
