package org.zhengce.intake.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.intake.departments.Department;
import org.zhengce.intake.departments.DepartmentRegistry;
import org.zhengce.intake.identity.ResidentIdentityNumber;
import org.zhengce.intake.reading.EventJson;
import org.zhengce.intake.reading.ReadEvent;
import org.zhengce.intake.validation.ControlCharacters;
import org.zhengce.intake.validation.EventPseudonymisation;
import org.zhengce.intake.validation.EventValidator;
import org.zhengce.intake.validation.ValidationRule;
import org.zhengce.intake.validation.Violation;
import org.zhengce.kit.failures.Failures;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one pipeline: admission, validation, pseudonymisation, idempotency, publishing, and keeping what is rejected.
 *
 * <p>For a batch from one department: every submission gets an {@link Outcome}, in order. Valid events are claimed
 * in the ledger (one statement), sent to {@code household.events} and marked published (one statement); the answer
 * is given only after Kafka acknowledged ({@code acks=all}) and the ledger holds the event. Rejections are stored and
 * put on the dead-letter topic before the answer. An event whose send is not acknowledged in time stays claimed and
 * is answered {@link Outcome.Pending}; the relay publishes it (ADR 0004).
 */
public class IntakePipeline {

    private static final Logger log = LoggerFactory.getLogger(IntakePipeline.class);
    /**
     * The meaning rules that compare a field with a required number of its record, by that number's name (the other
     * comparisons are of optional fields, which reading leaves null when it cannot read them).
     */
    private static final Map<ValidationRule, String> COMPARED_WITH = Map.of(ValidationRule.AMOUNT_ORDER, "totalFen");

    private final EventValidator validator;
    private final EventPseudonymisation pseudonymisation;
    private final EventLedger ledger;
    private final ClaimGroups groups;
    private final RegistrationLookups registrationLookups;
    private final HouseholdEventWriter writer;
    private final RejectedEventStore rejections;
    private final DeadLetterWriter deadLetters;
    private final PayloadSealer sealer;
    private final EventDigests digests;
    private final IntakeMetrics metrics;
    private final DepartmentEventDecoder avro;
    private final EventJson json;
    private final DepartmentRegistry registry;
    private final Clock clock;
    private final tools.jackson.databind.json.JsonMapper mapper =
            tools.jackson.databind.json.JsonMapper.builder().build();

    IntakePipeline(
            EventValidator validator,
            EventPseudonymisation pseudonymisation,
            EventLedger ledger,
            ClaimGroups groups,
            RegistrationLookups registrationLookups,
            HouseholdEventWriter writer,
            RejectedEventStore rejections,
            DeadLetterWriter deadLetters,
            PayloadSealer sealer,
            EventDigests digests,
            IntakeMetrics metrics,
            DepartmentEventDecoder avro,
            EventJson json,
            DepartmentRegistry registry,
            Clock clock) {
        this.validator = validator;
        this.pseudonymisation = pseudonymisation;
        this.ledger = ledger;
        this.groups = groups;
        this.registrationLookups = registrationLookups;
        this.writer = writer;
        this.rejections = rejections;
        this.deadLetters = deadLetters;
        this.sealer = sealer;
        this.digests = digests;
        this.metrics = metrics;
        this.avro = avro;
        this.json = json;
        this.registry = registry;
        this.clock = clock;
    }

    /** An accepted event on its way: its ledger entry and the record to send. */
    private record Prepared(
            int index,
            Submission submission,
            String eventId,
            String eventType,
            EventDigests.Digest digest,
            List<String> maskedFields,
            EventLedger.Entry entry,
            ProducerRecord<String, byte[]> record) {}

    /**
     * The community household {@code householdNumber} is registered in, as intake accepted its registration; empty
     * when it was never registered here. For an edge that must check a person's own area before a household event
     * (a reporter's tip) is sent.
     */
    public Mono<String> registeredCommunity(String householdNumber) {
        String subject = Registrations.household(householdNumber);
        return ledger.registered(Set.of(subject))
                .flatMap(found -> Mono.justOrEmpty(found.get(subject)))
                .map(EventLedger.Registered::communityCode);
    }

    /** Every submission's outcome, in the order given. {@code sender} is the authenticated department. */
    public Mono<List<Outcome>> receive(Department sender, List<Submission> batch) {
        // where the batch's households and persons are registered, in one query: admission checks scope against it
        return Registrations.of(batch, pseudonymisation, registrationLookups)
                .flatMap(registrations -> receive(sender, batch, registrations));
    }

    private Mono<List<Outcome>> receive(Department sender, List<Submission> batch, Registrations registrations) {
        long started = System.nanoTime();
        // to the millisecond, as the ledger and every answer keep it: a re-send gets the same acceptedAt
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Outcome[] outcomes = new Outcome[batch.size()];
        List<RejectedEventStore.Kept> kept = new ArrayList<>();
        Map<String, Prepared> firsts = new LinkedHashMap<>();
        List<Prepared> repeats = new ArrayList<>();
        List<EventLedger.Registration> registering = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Submission submission = batch.get(i);
            ReadEvent read = submission.read();
            List<Violation> violations;
            try {
                violations = check(sender, read, registrations);
            } catch (RuntimeException e) {
                if (!Failures.isTransient(e)) {
                    throw e;
                }
                // a check that cannot be made now (referral's directory not read yet): not the event's fault
                outcomes[i] = new Outcome.Unavailable(
                        submission.sourceRef(), masked(String.valueOf(read.eventId())), masked(Failures.reason(e)));
                continue;
            }
            if (!violations.isEmpty()) {
                outcomes[i] = reject(sender, submission, read.eventId(), read.eventType(), violations, now, kept);
                continue;
            }
            DepartmentEvent event = java.util.Objects.requireNonNull(read.event());
            Prepared prepared;
            try {
                prepared = prepare(i, submission, event, String.valueOf(read.eventType()), now);
            } catch (RuntimeException e) {
                if (Failures.isTransient(e)) {
                    // the registry or the database did not answer: the event is not at fault, and is not rejected
                    String reason = masked(Failures.reason(e));
                    log.warn("event {} of {} not taken for now: {}", masked(event.getEventId()), sender.code(), reason);
                    outcomes[i] = new Outcome.Unavailable(submission.sourceRef(), masked(event.getEventId()), reason);
                    continue;
                }
                log.warn(
                        "event {} of {} could not be prepared: {}",
                        masked(event.getEventId()),
                        sender.code(),
                        ResidentIdentityNumber.maskAllIn(String.valueOf(e.getMessage())));
                outcomes[i] = reject(
                        sender,
                        submission,
                        event.getEventId(),
                        read.eventType(),
                        List.of(new Violation("", ValidationRule.FORMAT, String.valueOf(e.getMessage()))),
                        now,
                        kept);
                continue;
            }
            if (firsts.putIfAbsent(prepared.eventId(), prepared) != null) {
                repeats.add(prepared);
            } else {
                registering.addAll(registrations.accept(event));
            }
        }
        List<EventLedger.Entry> entries =
                firsts.values().stream().map(Prepared::entry).toList();
        Map<String, ProducerRecord<String, byte[]>> records = new HashMap<>();
        firsts.forEach((eventId, prepared) -> records.put(eventId, prepared.record()));
        // the registrations are recorded with the claim, for the events it claims only; concurrent requests share
        // the claim statement, the producer's hand-off and the mark
        return groups.commit(new ClaimGroups.Request(
                        new EventLedger.Claiming(sender.code(), now, entries, registering), records))
                .flatMap(committed -> settle(sender, now, firsts, committed, outcomes, kept))
                .then(Mono.defer(() -> {
                    for (Prepared repeat : repeats) {
                        outcomes[repeat.index()] = repeatOf(
                                sender,
                                repeat,
                                firsts.get(repeat.eventId()),
                                outcomes[firsts.get(repeat.eventId()).index()],
                                now,
                                kept);
                    }
                    List<RejectedEvent> rejected =
                            kept.stream().map(RejectedEventStore.Kept::event).toList();
                    return rejections.keep(kept).then(deadLetters.send(rejected, rejections));
                }))
                .then(Mono.fromSupplier(() -> {
                    List<Outcome> answer = List.of(outcomes);
                    count(sender, batch, answer);
                    metrics.batch(
                            sender.code(),
                            batch.isEmpty() ? Channel.HTTP : batch.get(0).channel(),
                            Duration.ofNanos(System.nanoTime() - started));
                    return answer;
                }));
    }

    /**
     * A dry run: every submission's outcome as {@link #receive} would give it, in order, with the same rules, the same
     * admission against where households are registered, the same pseudonymisation and record serialisation (so a
     * field a real run masks is named, and an event a real run could not prepare fails here too) and the ledger read
     * for re-sends; but nothing is kept: no ledger row, no registration, no rejection, no record on Kafka, no dead
     * letter, no metric. A valid event is {@link Outcome.Valid} (no platform event id); a rejection or conflict has
     * no rejection id. A registration earlier in the same batch counts for the events after it, as in a real run.
     */
    public Mono<List<Outcome>> tryOut(Department sender, List<Submission> batch) {
        return Registrations.of(batch, pseudonymisation, registrationLookups)
                .flatMap(registrations -> tryOut(sender, batch, registrations));
    }

    private Mono<List<Outcome>> tryOut(Department sender, List<Submission> batch, Registrations registrations) {
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Outcome[] outcomes = new Outcome[batch.size()];
        Map<String, Prepared> firsts = new LinkedHashMap<>();
        List<Prepared> repeats = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Submission submission = batch.get(i);
            ReadEvent read = submission.read();
            List<Violation> violations;
            try {
                violations = check(sender, read, registrations);
            } catch (RuntimeException e) {
                if (!Failures.isTransient(e)) {
                    throw e;
                }
                // a check that cannot be made now (referral's directory not read yet): not the event's fault
                outcomes[i] = new Outcome.Unavailable(
                        submission.sourceRef(), masked(String.valueOf(read.eventId())), masked(Failures.reason(e)));
                continue;
            }
            if (!violations.isEmpty()) {
                outcomes[i] = notKept(submission, read.eventId(), read.eventType(), violations);
                continue;
            }
            DepartmentEvent event = java.util.Objects.requireNonNull(read.event());
            Prepared prepared;
            try {
                prepared = prepare(i, submission, event, String.valueOf(read.eventType()), now);
            } catch (RuntimeException e) {
                outcomes[i] = Failures.isTransient(e)
                        ? new Outcome.Unavailable(
                                submission.sourceRef(), masked(event.getEventId()), masked(Failures.reason(e)))
                        : notKept(
                                submission,
                                event.getEventId(),
                                read.eventType(),
                                List.of(new Violation("", ValidationRule.FORMAT, String.valueOf(e.getMessage()))));
                continue;
            }
            if (firsts.putIfAbsent(prepared.eventId(), prepared) != null) {
                repeats.add(prepared);
            } else {
                // in memory only: the events after it in this batch are admitted as a real run would admit them
                registrations.accept(event);
            }
        }
        List<String> eventIds = List.copyOf(firsts.keySet());
        return ledger.find(sender.code(), eventIds).map(found -> {
            for (Prepared p : firsts.values()) {
                EventLedger.Existing existing = found.get(p.eventId());
                outcomes[p.index()] = existing == null ? valid(p) : againstLedgerUnkept(p, existing);
            }
            for (Prepared repeat : repeats) {
                Prepared first = Objects.requireNonNull(firsts.get(repeat.eventId()));
                Outcome firstOutcome = outcomes[first.index()];
                outcomes[repeat.index()] = EventDigests.same(first.digest(), repeat.digest())
                        ? repeatUnkept(repeat, firstOutcome)
                        : new Outcome.Conflict(
                                repeat.submission().sourceRef(),
                                repeat.eventId(),
                                first.entry().platformEventId(),
                                firstOutcome instanceof Outcome.Duplicate d ? d.acceptedAt() : null,
                                null);
            }
            return List.of(outcomes);
        });
    }

    private static Outcome.Valid valid(Prepared p) {
        return new Outcome.Valid(p.submission().sourceRef(), p.eventId(), p.maskedFields());
    }

    /** What a re-send of an event already in the ledger would be answered, keeping nothing. */
    private Outcome againstLedgerUnkept(Prepared p, EventLedger.Existing existing) {
        String ref = p.submission().sourceRef();
        if (!digests.matches(p.digest(), existing.digestKeyId(), existing.digest())) {
            return new Outcome.Conflict(ref, p.eventId(), existing.platformEventId(), existing.acceptedAt(), null);
        }
        if (!existing.published()) {
            return new Outcome.Pending(ref, p.eventId(), existing.platformEventId(), p.maskedFields());
        }
        return new Outcome.Duplicate(
                ref, p.eventId(), existing.platformEventId(), existing.acceptedAt(), p.maskedFields());
    }

    /**
     * A second event with the same id and payload in one dry run: answered as its first (valid again, since nothing
     * was accepted for it to duplicate; a duplicate or pending of the ledger's event as the first is).
     */
    private static Outcome repeatUnkept(Prepared repeat, Outcome first) {
        String ref = repeat.submission().sourceRef();
        if (first instanceof Outcome.Duplicate d) {
            return new Outcome.Duplicate(ref, d.eventId(), d.platformEventId(), d.acceptedAt(), d.maskedFields());
        }
        if (first instanceof Outcome.Pending p) {
            return new Outcome.Pending(ref, p.eventId(), p.platformEventId(), p.maskedFields());
        }
        if (first instanceof Outcome.Conflict c) {
            return new Outcome.Conflict(ref, c.eventId(), c.platformEventId(), c.acceptedAt(), null);
        }
        return valid(repeat);
    }

    /** A rejection as a real run would answer it, with its identity numbers masked, and no rejection kept. */
    private static Outcome.Rejected notKept(
            Submission submission, @Nullable String eventId, @Nullable String eventType, List<Violation> violations) {
        return new Outcome.Rejected(
                submission.sourceRef(), eventId == null ? null : masked(eventId), eventType, violations, null);
    }

    /**
     * Claimed events were sent and their batch marked with the group's: accepted, or pending if the group's send or
     * mark failed; the rest were in the ledger: duplicate, pending or conflict.
     */
    private Mono<Void> settle(
            Department sender,
            Instant now,
            Map<String, Prepared> firsts,
            ClaimGroups.Committed committed,
            Outcome[] outcomes,
            List<RejectedEventStore.Kept> kept) {
        Set<String> claimed = Set.copyOf(committed.claim().eventIds());
        List<Prepared> sent = firsts.values().stream()
                .filter(p -> claimed.contains(p.eventId()))
                .toList();
        List<String> earlier =
                firsts.keySet().stream().filter(id -> !claimed.contains(id)).toList();
        Throwable notPublished = committed.notPublished();
        if (notPublished == null) {
            for (Prepared p : sent) {
                outcomes[p.index()] = new Outcome.Accepted(
                        p.submission().sourceRef(), p.eventId(), p.entry().platformEventId(), now, p.maskedFields());
                metrics.identityNumbersMasked(sender.code(), p.maskedFields().size());
            }
        } else {
            log.warn(
                    "{} events of {} not confirmed on {} ({}); the relay will publish them",
                    sent.size(),
                    sender.code(),
                    writer.topic(),
                    notPublished.toString());
            for (Prepared p : sent) {
                outcomes[p.index()] = new Outcome.Pending(
                        p.submission().sourceRef(), p.eventId(), p.entry().platformEventId(), p.maskedFields());
            }
        }
        Mono<Void> resolve = ledger.find(sender.code(), earlier)
                .doOnNext(found -> {
                    for (String eventId : earlier) {
                        Prepared p = firsts.get(eventId);
                        EventLedger.Existing existing = found.get(eventId);
                        if (existing == null) {
                            // claimed by a concurrent request that has since failed its claim? cannot happen: rows are
                            // never
                            // deleted; treat as pending so the department re-sends
                            outcomes[p.index()] = new Outcome.Pending(
                                    p.submission().sourceRef(),
                                    eventId,
                                    p.entry().platformEventId());
                        } else {
                            outcomes[p.index()] = againstLedger(sender, p, existing, now, kept);
                        }
                    }
                })
                .then();
        return resolve;
    }

    private Outcome againstLedger(
            Department sender,
            Prepared p,
            EventLedger.Existing existing,
            Instant now,
            List<RejectedEventStore.Kept> kept) {
        if (!digests.matches(p.digest(), existing.digestKeyId(), existing.digest())) {
            return conflict(sender, p, existing.platformEventId(), existing.acceptedAt(), now, kept);
        }
        if (!existing.published()) {
            return new Outcome.Pending(
                    p.submission().sourceRef(), p.eventId(), existing.platformEventId(), p.maskedFields());
        }
        return new Outcome.Duplicate(
                p.submission().sourceRef(),
                p.eventId(),
                existing.platformEventId(),
                existing.acceptedAt(),
                p.maskedFields());
    }

    /** A second event with the same id in one batch: a duplicate of the first's outcome, or a conflict. */
    private Outcome repeatOf(
            Department sender,
            Prepared repeat,
            Prepared first,
            Outcome firstOutcome,
            Instant now,
            List<RejectedEventStore.Kept> kept) {
        if (!EventDigests.same(first.digest(), repeat.digest())) {
            if (firstOutcome instanceof Outcome.Conflict c) {
                return conflict(sender, repeat, c.platformEventId(), c.acceptedAt(), now, kept);
            }
            Instant acceptedAt = firstOutcome instanceof Outcome.Accepted a
                    ? a.acceptedAt()
                    : firstOutcome instanceof Outcome.Duplicate d ? d.acceptedAt() : null;
            return conflict(sender, repeat, first.entry().platformEventId(), acceptedAt, now, kept);
        }
        String ref = repeat.submission().sourceRef();
        if (firstOutcome instanceof Outcome.Accepted a) {
            return new Outcome.Duplicate(ref, a.eventId(), a.platformEventId(), a.acceptedAt(), a.maskedFields());
        }
        if (firstOutcome instanceof Outcome.Duplicate d) {
            return new Outcome.Duplicate(ref, d.eventId(), d.platformEventId(), d.acceptedAt(), d.maskedFields());
        }
        if (firstOutcome instanceof Outcome.Pending p) {
            return new Outcome.Pending(ref, p.eventId(), p.platformEventId(), p.maskedFields());
        }
        if (firstOutcome instanceof Outcome.Conflict c) {
            return conflict(sender, repeat, c.platformEventId(), c.acceptedAt(), now, kept);
        }
        return firstOutcome;
    }

    /**
     * A re-send with another payload: says which platform event was accepted with this id, and when, never a digest
     * (a digest beside a masked payload would be a brute-force oracle for the identity numbers in it).
     */
    private Outcome.Conflict conflict(
            Department sender,
            Prepared p,
            UUID acceptedPlatformEventId,
            @Nullable Instant acceptedAt,
            Instant now,
            List<RejectedEventStore.Kept> kept) {
        Outcome.Rejected kept1 = reject(
                sender,
                p.submission(),
                p.eventId(),
                p.eventType(),
                List.of(new Violation(
                        "eventId",
                        ValidationRule.CONFLICTING_DUPLICATE,
                        Outcome.Conflict.explanation(acceptedPlatformEventId, acceptedAt))),
                now,
                kept);
        return new Outcome.Conflict(
                p.submission().sourceRef(), p.eventId(), acceptedPlatformEventId, acceptedAt, kept1.rejectionId());
    }

    /** Reading errors, the sender's terms, then meaning: all of them, each path once. */
    private List<Violation> check(Department sender, ReadEvent read, Registrations registrations) {
        List<Violation> violations = new ArrayList<>(read.violations());
        DepartmentEvent event = read.event();
        if (event == null) {
            return violations;
        }
        Set<String> reported =
                read.violations().stream().map(Violation::fieldPath).collect(Collectors.toSet());
        for (Violation v : Admission.check(sender, event, read.eventType(), registrations.of(event))) {
            // a type the data standard does not have is not also a type the sender may not report
            if (!(v.rule() == ValidationRule.EVENT_TYPE_NOT_ALLOWED && reported.contains(v.fieldPath()))) {
                violations.add(v);
            }
        }
        List<Violation> meaning;
        try {
            meaning = validator.validate(event);
        } catch (RuntimeException partialRecord) {
            // a record left partial by reading errors can trip a rule that assumes its fields; those errors stand
            if (read.violations().isEmpty()) {
                throw partialRecord;
            }
            meaning = List.of();
        }
        boolean factUnread = event.getFact() == null;
        for (Violation v : meaning) {
            if (!alreadyReported(reported, v.fieldPath())
                    && !comparedWithUnread(reported, v)
                    && !(factUnread && v.fieldPath().startsWith("fact"))) {
                violations.add(v);
            }
        }
        return violations;
    }

    /**
     * Whether {@code v} compares its field with another of the same record that reading left unset: a missing amount
     * reads as 0, so "out of pocket above total" would be a wrong report when the total is missing.
     */
    private static boolean comparedWithUnread(Set<String> reported, Violation v) {
        String other = COMPARED_WITH.get(v.rule());
        if (other == null) {
            return false;
        }
        int dot = v.fieldPath().lastIndexOf('.');
        String sibling = dot < 0 ? other : v.fieldPath().substring(0, dot + 1) + other;
        return alreadyReported(reported, sibling);
    }

    private static boolean alreadyReported(Set<String> reported, String path) {
        for (String p : reported) {
            if (path.equals(p)
                    || path.startsWith(p + ".")
                    || path.startsWith(p + "[")
                    || p.startsWith(path + ".")
                    || p.startsWith(path + "[")) {
                return true;
            }
        }
        return false;
    }

    private Prepared prepare(int index, Submission submission, DepartmentEvent event, String eventType, Instant now) {
        String eventId = event.getEventId();
        EventDigests.Digest digest = digests.of(event);
        UUID platformEventId = platformEventId(event.getDepartment().name(), eventId);
        EventPseudonymisation.Pseudonymised pseudonymised =
                pseudonymisation.pseudonymise(event, platformEventId.toString());
        HouseholdEvent published = pseudonymised.event();
        ProducerRecord<String, byte[]> record = writer.record(published, eventType, now, submission.traceparent());
        return new Prepared(
                index,
                submission,
                eventId,
                eventType,
                digest,
                pseudonymised.maskedFields(),
                new EventLedger.Entry(
                        eventId, platformEventId, digest.bytes(), digest.keyId(), eventType, OutgoingRecord.of(record)),
                record);
    }

    private Outcome.Rejected reject(
            Department sender,
            Submission submission,
            @Nullable String eventId,
            @Nullable String eventType,
            List<Violation> violations,
            Instant now,
            List<RejectedEventStore.Kept> kept) {
        UUID id = UUID.randomUUID();
        String maskedId = eventId == null ? null : masked(eventId);
        RejectedEvent rejected = new RejectedEvent(
                id,
                sender.code(),
                maskedId,
                eventType,
                submission.channel(),
                submission.sourceRef(),
                now,
                violations,
                maskedPayload(submission),
                submission.format(),
                null,
                null,
                null);
        kept.add(new RejectedEventStore.Kept(rejected, sealer.seal(id, submission.payload())));
        return new Outcome.Rejected(submission.sourceRef(), maskedId, eventType, violations, id);
    }

    /**
     * The payload as an operator may read it: JSON text (an Avro record rendered as JSON), else Base64, masked. A
     * payload that could not be parsed at all has no readable copy: only its format and size, the rest is sealed (a
     * masker cannot be trusted with text it cannot parse); the violations say why it was refused.
     */
    private String maskedPayload(Submission submission) {
        if (submission.read().event() == null) {
            return sealedOnly(submission);
        }
        if (submission.format() == PayloadFormat.AVRO) {
            DepartmentEvent event = submission.read().event();
            if (event != null && event.getFact() != null) {
                try {
                    return ResidentIdentityNumber.maskAllIn(new String(json.writeBytes(event), StandardCharsets.UTF_8));
                } catch (RuntimeException notRenderable) {
                    // fall through to the bytes
                }
            }
            String latin1 = new String(submission.payload(), StandardCharsets.ISO_8859_1);
            return "base64:"
                    + Base64.getEncoder()
                            .encodeToString(
                                    ResidentIdentityNumber.maskAllIn(latin1).getBytes(StandardCharsets.ISO_8859_1));
        }
        return ResidentIdentityNumber.maskAllIn(new String(submission.payload(), StandardCharsets.UTF_8));
    }

    /** What the store shows of a payload that could not be parsed. */
    static String sealedOnly(Submission submission) {
        return "sealed only: unparsable " + submission.format().name() + " payload of " + submission.payload().length
                + " bytes";
    }

    private void count(Department sender, List<Submission> batch, List<Outcome> outcomes) {
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome outcome = outcomes.get(i);
            Submission submission = batch.get(i);
            String reason = "none";
            if (outcome instanceof Outcome.Rejected rejected) {
                reason = rejected.violations().get(0).ruleCode();
                rejected.violations().forEach(v -> metrics.ruleBroken(sender.code(), v.ruleCode()));
            } else if (outcome instanceof Outcome.Conflict) {
                reason = ValidationRule.CONFLICTING_DUPLICATE.code();
            }
            metrics.outcome(
                    sender.code(), submission.read().eventType(), submission.channel(), outcome.status(), reason);
        }
    }

    /**
     * Keeps a department topic's record the pipeline failed on for a reason it did not expect (a bug, a value a store
     * refuses), so that the partition goes on: sealed only, with no readable copy (what failed cannot be trusted to
     * have been masked), rule {@code pipeline.processable} with the failure masked, and its dead letter on {@code
     * dept.events.dlq}. Replayed like any rejection once the fault is fixed.
     *
     * @return the rejection it is kept as
     */
    public Mono<UUID> keepUnprocessed(String department, String sourceRef, byte[] payload, String failure) {
        UUID id = UUID.randomUUID();
        RejectedEvent rejected = new RejectedEvent(
                id,
                department,
                null,
                null,
                Channel.TOPIC,
                sourceRef,
                clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                List.of(new Violation("", ValidationRule.UNPROCESSABLE, masked(failure))),
                "sealed only: AVRO payload of " + payload.length + " bytes intake failed to process",
                PayloadFormat.AVRO,
                null,
                null,
                null);
        return rejections
                .keep(List.of(new RejectedEventStore.Kept(rejected, sealer.seal(id, payload))))
                .then(deadLetters.send(List.of(rejected), rejections))
                .then(Mono.fromRunnable(() -> metrics.ruleBroken(department, ValidationRule.UNPROCESSABLE.code())))
                .thenReturn(id);
    }

    // ---- replay and inspection ----

    /** What a replay did: the rejection replayed, and the outcome of its new run through the pipeline. */
    public record Replay(UUID rejectionId, Outcome outcome) {}

    /** Sends a kept rejection through the whole pipeline again, as its department now stands. */
    public Mono<Replay> replay(UUID rejectionId) {
        return rejections
                .find(rejectionId)
                .switchIfEmpty(Mono.error(() -> new RejectedEventNotFoundException(rejectionId)))
                .flatMap(rejected -> rejections
                        .sealedPayload(rejectionId)
                        .map(kept -> sealer.open(rejectionId, kept))
                        .flatMap(payload -> registry.get(rejected.department())
                                .flatMap(department -> receive(
                                        department,
                                        List.of(new Submission(
                                                Channel.REPLAY,
                                                "replay of " + rejectionId,
                                                read(rejected, payload),
                                                rejected.payloadFormat(),
                                                payload)))))
                        .flatMap(outcomes -> {
                            Outcome outcome = outcomes.get(0);
                            UUID again = outcome instanceof Outcome.Rejected r
                                    ? r.rejectionId()
                                    : outcome instanceof Outcome.Conflict c ? c.rejectionId() : null;
                            return rejections
                                    .recordReplay(rejectionId, clock.instant(), outcome.status(), again)
                                    .thenReturn(new Replay(rejectionId, outcome));
                        }));
    }

    /** Replays several, one after the other (so a department's order is kept). */
    public Flux<Replay> replay(List<UUID> rejectionIds) {
        return Flux.fromIterable(rejectionIds).concatMap(this::replay);
    }

    /** Rejections in {@code [from, to)}, of one department or of all ({@code null}), oldest first. */
    public Flux<RejectedEvent> rejected(@Nullable String department, Instant from, Instant to, int limit) {
        return rejections.list(department, from, to, limit);
    }

    /** One rejection, or {@link RejectedEventNotFoundException}. */
    public Mono<RejectedEvent> rejection(UUID id) {
        return rejections.find(id).switchIfEmpty(Mono.error(() -> new RejectedEventNotFoundException(id)));
    }

    private ReadEvent read(RejectedEvent rejected, byte[] payload) {
        return switch (rejected.payloadFormat()) {
            case JSON -> json.read(payload);
            case JSON_TEXT -> json.readText(mapper.readTree(payload));
            case AVRO -> avro.decode(payload);
        };
    }

    DepartmentEventDecoder decoder() {
        return avro;
    }

    HouseholdEventWriter writer() {
        return writer;
    }

    static UUID platformEventId(String department, String eventId) {
        return UUID.nameUUIDFromBytes((department + "\u0000" + eventId).getBytes(StandardCharsets.UTF_8));
    }

    /** The bare SHA-256 of the event's Avro binary, as ledger rows held it before digests were keyed. */
    static byte[] digest(DepartmentEvent event) {
        return EventDigests.canonical(event);
    }

    /** {@code text} as intake shows and keeps it: identity numbers masked, control characters written as escapes. */
    private static String masked(String text) {
        return ControlCharacters.escaped(ResidentIdentityNumber.maskAllIn(text));
    }
}
