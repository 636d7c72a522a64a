package org.zhengce.intake.tips;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.zhengce.events.Department;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.events.TipReported;
import org.zhengce.events.Urgency;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.intake.departments.DepartmentRegistry;
import org.zhengce.intake.pipeline.Channel;
import org.zhengce.intake.pipeline.IntakePipeline;
import org.zhengce.intake.pipeline.Outcome;
import org.zhengce.intake.pipeline.PayloadFormat;
import org.zhengce.intake.pipeline.Submission;
import org.zhengce.intake.reading.EventJson;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A reporter's tip, checked against who they are (registered, their own community) and then sent through the one
 * pipeline as the community department's {@code TipReported}: the same validation, masking of identity numbers in
 * free text, idempotency ({@code TIP-<tipId>}) and ledger as any department event.
 */
@Service
class Tips {

    /** The department every reporter's tip is reported under: the community (社区). */
    static final String DEPARTMENT = Department.COMMUNITY.name();

    private static final Set<Urgency> URGENCIES = Set.of(Urgency.SOLVE_NOW, Urgency.IN_STAGES, Urgency.LONG_TERM);
    private static final int MAX_NEEDS = 20;

    private final TipStore store;
    private final IntakePipeline pipeline;
    private final DepartmentRegistry departments;
    private final EventJson json;
    private final Clock clock;

    Tips(
            TipStore store,
            IntakePipeline pipeline,
            DepartmentRegistry departments,
            EventJson json,
            ObjectProvider<Clock> clock) {
        this.store = store;
        this.pipeline = pipeline;
        this.departments = departments;
        this.json = json;
        // as the pipeline: a test's clock when there is one
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** The tip's outcome in the pipeline; refused first when the reporter or the form is not right. */
    Mono<Outcome> report(String reporterId, TipRequest tip) {
        return reporter(reporterId).flatMap(reporter -> {
            String household = checked(reporter, tip);
            return pipeline.registeredCommunity(household)
                    .filter(registered -> !registered.equals(reporter.communityCode()))
                    .flatMap(elsewhere -> Mono.<Outcome>error(outside(reporter)))
                    .switchIfEmpty(Mono.defer(() -> send(reporter, household, tip)));
        });
    }

    /** The reporter's tips, newest first. */
    Flux<SentTip> mine(String reporterId, int limit) {
        return reporter(reporterId).flatMapMany(reporter -> store.of(reporter.id(), limit));
    }

    private Mono<Reporter> reporter(String reporterId) {
        return store.reporter(reporterId)
                .switchIfEmpty(Mono.error(() -> TipProblem.of(
                        HttpStatus.FORBIDDEN,
                        TipProblem.UNREGISTERED,
                        "the signed-in user is not a registered reporter: an advisor of their community registers"
                                + " them")));
    }

    /** The household number of a well-formed tip; a 400 or 403 naming the rule otherwise. */
    private static String checked(Reporter reporter, TipRequest tip) {
        if (tip.tipId() == null) {
            throw invalid("tipId: required (the form's own id for this tip, a UUID, so a re-send is the same tip)");
        }
        if (tip.householdNumber() == null || tip.householdNumber().isBlank()) {
            throw invalid("householdNumber: required (a tip about an address alone is not taken yet)");
        }
        if (tip.communityCode() != null && !tip.communityCode().equals(reporter.communityCode())) {
            throw outside(reporter);
        }
        urgency(tip.urgency());
        List<String> needs = tip.needs() == null ? List.of() : tip.needs();
        if (needs.size() > MAX_NEEDS || needs.stream().anyMatch(need -> need == null || need.isBlank())) {
            throw invalid("needs: at most " + MAX_NEEDS + " codes of the service menu, none blank");
        }
        return tip.householdNumber().strip();
    }

    private static Urgency urgency(@Nullable String value) {
        for (Urgency urgency : URGENCIES) {
            if (urgency.name().equals(value)) {
                return urgency;
            }
        }
        throw invalid("urgency: one of SOLVE_NOW, IN_STAGES, LONG_TERM");
    }

    private static org.springframework.web.ErrorResponseException invalid(String detail) {
        return TipProblem.of(HttpStatus.BAD_REQUEST, TipProblem.INVALID, detail);
    }

    private static org.springframework.web.ErrorResponseException outside(Reporter reporter) {
        return TipProblem.of(
                HttpStatus.FORBIDDEN,
                TipProblem.OUTSIDE_COMMUNITY,
                "a reporter reports only in their own community, " + reporter.communityCode());
    }

    /** The tip through the pipeline; an accepted one kept for "my tips". */
    private Mono<Outcome> send(Reporter reporter, String household, TipRequest tip) {
        String eventId = "TIP-" + tip.tipId();
        // a re-send carries the first sending's time, so that its payload is the same and the ledger answers duplicate
        Mono<Instant> reportedAt = store.reportedAt(reporter.id(), eventId)
                .defaultIfEmpty(clock.instant().truncatedTo(ChronoUnit.MILLIS));
        return reportedAt.zipWith(departments.get(DEPARTMENT)).flatMap(sending -> {
            DepartmentEvent event = event(reporter, household, tip, eventId, sending.getT1());
            byte[] payload = json.writeBytes(event);
            Submission submission =
                    new Submission(Channel.HTTP, "tip", json.read(payload), PayloadFormat.JSON, payload);
            return pipeline.receive(sending.getT2(), List.of(submission))
                    .map(outcomes -> outcomes.get(0))
                    .flatMap(outcome -> kept(reporter, eventId, event, outcome));
        });
    }

    private Mono<Outcome> kept(Reporter reporter, String eventId, DepartmentEvent event, Outcome outcome) {
        java.util.UUID platformEventId = outcome instanceof Outcome.Accepted accepted
                ? accepted.platformEventId()
                : outcome instanceof Outcome.Duplicate duplicate ? duplicate.platformEventId() : null;
        if (platformEventId == null) {
            return Mono.just(outcome);
        }
        TipReported fact = (TipReported) event.getFact();
        SentTip sent = new SentTip(
                platformEventId,
                ((HouseholdNumber) event.getSubject()).getValue(),
                reporter.communityCode(),
                List.copyOf(fact.getNeeds()),
                fact.getUrgency().name(),
                event.getReportedAt(),
                "received");
        return store.keep(reporter, eventId, sent).thenReturn(outcome);
    }

    private static DepartmentEvent event(
            Reporter reporter, String household, TipRequest tip, String eventId, Instant at) {
        return DepartmentEvent.newBuilder()
                .setEventId(eventId)
                .setDepartment(Department.COMMUNITY)
                .setOccurredAt(at)
                .setReportedAt(at)
                .setSubject(new HouseholdNumber(household))
                .setCommunityCode(reporter.communityCode())
                .setFact(TipReported.newBuilder()
                        .setReporterRole(reporter.role())
                        .setReporterId(reporter.id())
                        .setNeeds(tip.needs() == null ? List.of() : List.copyOf(tip.needs()))
                        .setUrgency(urgency(tip.urgency()))
                        .setNote(note(tip))
                        .build())
                .build();
    }

    /** The note, with the address the reporter gave (both free text: an identity number in them is masked). */
    private static @Nullable String note(TipRequest tip) {
        String note =
                tip.note() == null || tip.note().isBlank() ? null : tip.note().strip();
        if (tip.address() == null || tip.address().isBlank()) {
            return note;
        }
        String address = "地址 address: " + tip.address().strip();
        return note == null ? address : note + "\n" + address;
    }
}
