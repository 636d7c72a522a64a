package org.zhengce.intake.reporting;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import org.springframework.stereotype.Component;
import org.zhengce.intake.departments.Department;
import reactor.core.publisher.Mono;

/**
 * Each department's rate limit (events per second, from the registry), with Resilience4j's rate limiter, a cap on
 * each department's requests served at once ({@code intake.limits.max-concurrent-requests-per-department}, so one
 * department's slow or huge uploads cannot take every slot) and a cap on all requests served at once. A request that
 * arrives when its department has no permit or slot left, or when intake is full, is refused with 429 and
 * {@code Retry-After}; inside a stream that was admitted, batches wait for permits (back-pressure) instead of failing.
 */
@Component
class DepartmentRateLimits {

    private static final Duration PERIOD = Duration.ofSeconds(1);
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(5);

    private final ConcurrentMap<String, RateLimiter> limiters = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Semaphore> departmentRequests = new ConcurrentHashMap<>();
    private final Semaphore requests;
    private final int perDepartment;

    DepartmentRateLimits(ReportingSettings settings, LimitSettings limits) {
        this.requests = new Semaphore(settings.maxConcurrentRequests());
        this.perDepartment = limits.maxConcurrentRequestsPerDepartment();
    }

    /**
     * Admits a request of {@code department} or throws {@link RateLimitedException}; call {@link #leave} with the same
     * department after.
     */
    void enter(Department department) {
        Semaphore own = departmentRequests.computeIfAbsent(department.code(), code -> new Semaphore(perDepartment));
        if (!own.tryAcquire()) {
            throw new RateLimitedException(
                    "department " + department.code() + " already has " + perDepartment
                            + " requests in progress; retry when one of them is answered",
                    PERIOD);
        }
        if (!requests.tryAcquire()) {
            own.release();
            throw new RateLimitedException("intake is serving as many requests as it can; retry shortly", PERIOD);
        }
        RateLimiter limiter = limiter(department);
        if (limiter.getMetrics().getAvailablePermissions() < 1) {
            leave(department);
            throw new RateLimitedException(
                    "department " + department.code() + " is over its rate limit of " + department.rateLimitPerSecond()
                            + " events per second",
                    PERIOD);
        }
        limiter.reservePermission();
    }

    void leave(Department department) {
        requests.release();
        departmentRequests.get(department.code()).release();
    }

    /** Completes once {@code events} more permits are available to {@code department} (the first was taken). */
    Mono<Void> throttle(Department department, int events) {
        RateLimiter limiter = limiter(department);
        int chunk = department.rateLimitPerSecond();
        long waitNanos = 0;
        for (int left = events; left > 0; left -= chunk) {
            long reserved = limiter.reservePermission(Math.min(chunk, left));
            if (reserved < 0) {
                return Mono.error(new RateLimitedException(
                        "department " + department.code() + " is too far over its rate limit", PERIOD));
            }
            waitNanos = Math.max(waitNanos, reserved);
        }
        return waitNanos == 0
                ? Mono.empty()
                : Mono.delay(Duration.ofNanos(waitNanos)).then();
    }

    private RateLimiter limiter(Department department) {
        return limiters.computeIfAbsent(
                department.code() + "@" + department.rateLimitPerSecond(),
                name -> RateLimiter.of(
                        name,
                        RateLimiterConfig.custom()
                                .limitForPeriod(department.rateLimitPerSecond())
                                .limitRefreshPeriod(PERIOD)
                                .timeoutDuration(LONGEST_WAIT)
                                .build()));
    }
}
