package org.zhengce.referral.statistics;

import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.zhengce.kit.security.Caller;
import org.zhengce.referral.jurisdictions.Jurisdiction;
import org.zhengce.referral.jurisdictions.JurisdictionLevel;
import org.zhengce.referral.security.Role;
import reactor.core.publisher.Mono;

/**
 * Turns the request's {@code area}, {@code from} and {@code to} into a {@link StatisticsScope}, or a problem: 400
 * naming the field for a missing, malformed or unknown area and for bad dates; 403 when the caller may not see the
 * area. Supervisors and platform admins see any area their jurisdictions cover; advisors only a community they
 * cover (a street's or district's figures are the supervisors').
 */
@Component
class StatisticsScopes {

    private final DatabaseClient db;
    private final StatisticsSettings settings;
    private final Clock clock;

    StatisticsScopes(DatabaseClient db, StatisticsSettings settings, Clock clock) {
        this.db = db;
        this.settings = settings;
        this.clock = clock;
    }

    Mono<StatisticsScope> resolve(
            Caller<Role> caller, @Nullable String area, @Nullable String fromText, @Nullable String toText) {
        if (area == null || area.isBlank()) {
            return Mono.error(StatisticsProblem.invalid(
                    "area", "", "required: a city (4 digits), district (6), street (9) or community (12) code"));
        }
        if (JurisdictionLevel.ofCode(area).isEmpty()) {
            return Mono.error(StatisticsProblem.invalid(
                    "area", area, "must be a city (4 digits), district (6), street (9) or community (12) code"));
        }
        LocalDate to;
        LocalDate from;
        try {
            to = date("to", toText);
            from = date("from", fromText);
        } catch (StatisticsProblem e) {
            return Mono.error(e);
        }
        // to defaults to today, from to the start of the default period ending on to
        if (to == null) {
            to = LocalDate.now(clock.withZone(settings.zone()));
        }
        if (from == null) {
            from = to.minusDays(settings.defaultDays() - 1L);
        }
        if (from.isAfter(to)) {
            return Mono.error(StatisticsProblem.invalid("from", from.toString(), "must not be after to (" + to + ")"));
        }
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        if (days > settings.maxDays()) {
            return Mono.error(StatisticsProblem.invalid(
                    "from", from.toString(), "the period is " + days + " days, at most " + settings.maxDays()));
        }
        LocalDate periodFrom = from;
        LocalDate periodTo = to;
        return jurisdiction(area)
                .switchIfEmpty(Mono.error(() -> StatisticsProblem.invalid("area", area, "unknown jurisdiction")))
                .flatMap(jurisdiction -> permitted(caller, jurisdiction)
                        ? db.sql("select code, name, level, parent_code from jurisdictions where parent_code = :code"
                                        + " order by code")
                                .bind("code", area)
                                .map(row -> jurisdiction(row))
                                .all()
                                .collectList()
                                .map(children -> new StatisticsScope(
                                        jurisdiction, children, periodFrom, periodTo, settings.zone()))
                        : Mono.error(StatisticsProblem.outsideJurisdiction(area, refusal(caller, jurisdiction))));
    }

    /** Supervisors and admins: any area they cover; advisors: a community they cover. */
    static boolean permitted(Caller<Role> caller, Jurisdiction area) {
        if ((caller.has(Role.SUPERVISOR) || caller.has(Role.PLATFORM_ADMIN)) && caller.covers(area.code())) {
            return true;
        }
        return caller.has(Role.ADVISOR) && area.level() == JurisdictionLevel.COMMUNITY && caller.covers(area.code());
    }

    private static String refusal(Caller<Role> caller, Jurisdiction area) {
        if (caller.has(Role.ADVISOR)
                && !caller.has(Role.SUPERVISOR)
                && !caller.has(Role.PLATFORM_ADMIN)
                && area.level() != JurisdictionLevel.COMMUNITY) {
            return "advisors see the statistics of a community they cover only";
        }
        return "not in the caller's jurisdictions " + caller.jurisdictions();
    }

    private Mono<Jurisdiction> jurisdiction(String code) {
        return db.sql("select code, name, level, parent_code from jurisdictions where code = :code")
                .bind("code", code)
                .map(row -> jurisdiction(row))
                .one();
    }

    private static @Nullable LocalDate date(String field, @Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw StatisticsProblem.invalid(field, text, "must be a date as yyyy-MM-dd (" + e.getMessage() + ")");
        }
    }

    private static Jurisdiction jurisdiction(Readable row) {
        return new Jurisdiction(
                Objects.requireNonNull(row.get("code", String.class)),
                Objects.requireNonNull(row.get("name", String.class)),
                JurisdictionLevel.valueOf(Objects.requireNonNull(row.get("level", String.class))),
                row.get("parent_code", String.class));
    }
}
