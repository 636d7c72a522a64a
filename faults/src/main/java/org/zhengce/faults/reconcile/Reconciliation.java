package org.zhengce.faults.reconcile;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zhengce.events.AlertEvent;
import org.zhengce.events.CaseAssigned;
import org.zhengce.events.CaseEvent;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.HouseholdWarningEvent;
import org.zhengce.events.WarningRaised;
import org.zhengce.faults.load.AcceptedEvents;
import org.zhengce.faults.load.Way;
import org.zhengce.faults.platform.Component;
import org.zhengce.faults.platform.Platform;
import org.zhengce.schemas.serde.ConfluentAvroDeserializer;
import org.zhengce.schemas.serde.SerdeConfig;

/**
 * The end of a run: once the load has stopped, waits until everything accepted has made its way through (every
 * accepted event on {@code household.events}, a case for every warned household, an alert for every assignment), or
 * until the time allowed is up, then counts, and scans for identity numbers.
 *
 * <ul>
 *   <li>every accepted event exactly once on {@code household.events} (by event id and by platform event id);
 *   <li>every warning event once on {@code household.warnings}, every warning id raised once;
 *   <li>one case per warned household in referral's database;
 *   <li>every case event once on {@code case.events}, processed by notification, and each {@code CaseAssigned}
 *       alerting its advisor once (notification's database; alert events once on {@code alert.events}).
 * </ul>
 *
 * Every topic is read with {@code read_committed}.
 */
public final class Reconciliation {

    private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

    private final Platform platform;
    private final AcceptedEvents events;
    private final TopicRecords records;
    private final ConfluentAvroDeserializer<Object> avro = new ConfluentAvroDeserializer<>();

    public Reconciliation(Platform platform, AcceptedEvents events) {
        this.platform = platform;
        this.events = events;
        this.records = new TopicRecords(platform.bootstrapServers());
        avro.configure(
                Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, platform.registryUrl(), SerdeConfig.SPECIFIC_AVRO_READER, true),
                false);
    }

    /** Waits up to {@code timeout} for the platform to settle, then counts and scans. */
    public Figures settle(Map<Component, Integer> rounds, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Figures figures = count(rounds, List.of(), List.of());
        while (!figures.settled() && Instant.now().isBefore(deadline)) {
            log.info(
                    "waiting for the platform to settle: {} accepted events not yet on household.events, {} warned"
                            + " households without a case, {} alerts missing",
                    figures.lost().size(),
                    figures.householdsWithoutCase().size(),
                    figures.missingAlerts().size());
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            figures = count(rounds, List.of(), List.of());
        }
        List<IdentityScan.Leak> found = new IdentityScan(events::sentIdentityNumber).scan(platform, records);
        List<String> leaks = found.stream()
                .filter(IdentityScan.Leak::sentByTheLoad)
                .map(IdentityScan.Leak::toString)
                .toList();
        List<String> lookAlikes = found.stream()
                .filter(leak -> !leak.sentByTheLoad())
                .map(IdentityScan.Leak::toString)
                .toList();
        return count(rounds, leaks, lookAlikes);
    }

    private Figures count(Map<Component, Integer> rounds, List<String> leaks, List<String> lookAlikes) {
        Map<String, Integer> byEventId = new HashMap<>();
        Map<String, Integer> byPlatformEventId = new HashMap<>();
        records.read("household.events", record -> {
            if (avro.deserialize(record.topic(), record.value()) instanceof HouseholdEvent event) {
                byEventId.merge(event.getEventId(), 1, Integer::sum);
                byPlatformEventId.merge(event.getPlatformEventId(), 1, Integer::sum);
            }
        });
        Map<String, Way> accepted = events.accepted();
        List<String> lost = new ArrayList<>(new TreeSet<>(accepted.keySet()));
        lost.removeIf(byEventId::containsKey);
        lost.replaceAll(id -> id + " (" + accepted.get(id) + ")");
        List<String> duplicatedEvents = new ArrayList<>();
        byEventId.forEach((id, n) -> {
            if (n > 1) {
                duplicatedEvents.add(id + " x" + n);
            }
        });
        byPlatformEventId.forEach((id, n) -> {
            if (n > 1) {
                duplicatedEvents.add("platform event " + id + " x" + n);
            }
        });

        Map<String, Integer> warningEvents = new HashMap<>();
        Map<String, Set<String>> warningFacts = new HashMap<>();
        Map<String, Integer> raised = new HashMap<>();
        Set<String> warnedHouseholds = new TreeSet<>();
        records.read("household.warnings", record -> {
            if (avro.deserialize(record.topic(), record.value()) instanceof HouseholdWarningEvent warning) {
                warningEvents.merge(warning.getEventId(), 1, Integer::sum);
                warningFacts
                        .computeIfAbsent(warning.getEventId(), id -> new TreeSet<>())
                        .add(warning.getFact().toString() + " at " + record.partition() + "@" + record.offset());
                if (warning.getFact() instanceof WarningRaised) {
                    raised.merge(warning.getWarningId(), 1, Integer::sum);
                    warnedHouseholds.add(warning.getHousehold().getValue());
                }
            }
        });
        List<String> duplicatedWarnings = new ArrayList<>();
        warningEvents.forEach((id, n) -> {
            if (n > 1) {
                Set<String> facts = warningFacts.get(id);
                long distinct = facts.stream()
                        .map(fact -> fact.substring(0, fact.lastIndexOf(" at ")))
                        .distinct()
                        .count();
                duplicatedWarnings.add("warning event " + id + " x" + n
                        + (distinct > 1
                                ? " (" + distinct + " different facts under one event id, household.warnings-"
                                        + String.join(
                                                ", ",
                                                facts.stream()
                                                        .map(f -> f.substring(f.lastIndexOf(" at ") + 4))
                                                        .toList())
                                        + ")"
                                : " (the same fact republished)"));
            }
        });
        raised.forEach((id, n) -> {
            if (n > 1) {
                duplicatedWarnings.add("warning " + id + " raised x" + n);
            }
        });

        Map<String, Integer> casesByHousehold =
                query("referral", "select household_number, count(*) from cases group by household_number", rows -> {
                    Map<String, Integer> cases = new HashMap<>();
                    while (rows.next()) {
                        cases.put(rows.getString(1), rows.getInt(2));
                    }
                    return cases;
                });
        List<String> withoutCase = new ArrayList<>();
        List<String> severalCases = new ArrayList<>();
        int cases = 0;
        for (String household : warnedHouseholds) {
            int n = casesByHousehold.getOrDefault(household, 0);
            cases += n;
            if (n == 0) {
                withoutCase.add(household);
            } else if (n > 1) {
                severalCases.add(household + " x" + n);
            }
        }

        Map<String, Integer> caseEvents = new HashMap<>();
        Map<String, String> assignments = new HashMap<>();
        records.read("case.events", record -> {
            if (avro.deserialize(record.topic(), record.value()) instanceof CaseEvent event) {
                caseEvents.merge(event.getEventId(), 1, Integer::sum);
                if (event.getFact() instanceof CaseAssigned assigned) {
                    assignments.put(event.getEventId(), assigned.getAdvisorId());
                }
            }
        });
        List<String> duplicatedCaseEvents = new ArrayList<>();
        caseEvents.forEach((id, n) -> {
            if (n > 1) {
                duplicatedCaseEvents.add(id + " x" + n);
            }
        });
        Set<String> alertKeys = query("notification", "select source_id::text, recipient from alerts", rows -> {
            Set<String> keys = new HashSet<>();
            while (rows.next()) {
                keys.add(rows.getString(1) + " " + rows.getString(2));
            }
            return keys;
        });
        Set<String> processed = query("notification", "select event_id::text from processed_case_events", rows -> {
            Set<String> ids = new HashSet<>();
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
            return ids;
        });
        List<String> missingAlerts = new ArrayList<>();
        assignments.forEach((eventId, advisor) -> {
            if (!alertKeys.contains(eventId + " " + advisor)) {
                missingAlerts.add("CaseAssigned " + eventId + " to " + advisor);
            }
        });
        caseEvents.keySet().stream()
                .filter(id -> !processed.contains(id))
                .forEach(id -> missingAlerts.add("case event " + id + " not processed"));
        Map<String, Integer> alertEvents = new HashMap<>();
        records.read("alert.events", record -> {
            if (avro.deserialize(record.topic(), record.value()) instanceof AlertEvent event) {
                alertEvents.merge(event.getEventId(), 1, Integer::sum);
            }
        });
        List<String> duplicatedAlerts = new ArrayList<>();
        alertEvents.forEach((id, n) -> {
            if (n > 1) {
                duplicatedAlerts.add(id + " x" + n);
            }
        });
        List<String> refused = new ArrayList<>();
        events.refused().forEach((id, reason) -> refused.add(id + " " + reason));

        return new Figures(
                rounds,
                platform.exits(),
                events.sent(),
                accepted.size(),
                events.repeats(),
                refused,
                events.serverErrors(),
                lost,
                sorted(duplicatedEvents),
                raised.size(),
                sorted(duplicatedWarnings),
                warnedHouseholds.size(),
                cases,
                withoutCase,
                sorted(severalCases),
                sorted(duplicatedCaseEvents),
                assignments.size(),
                alertKeys.size(),
                sorted(missingAlerts),
                sorted(duplicatedAlerts),
                leaks,
                lookAlikes);
    }

    private interface Rows<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private <T> T query(String database, String sql, Rows<T> read) {
        try (Connection connection = platform.connect(database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            return read.read(rows);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + database + ": " + e.getMessage(), e);
        }
    }

    private static List<String> sorted(List<String> items) {
        return List.copyOf(new TreeSet<>(items));
    }
}
