package org.zhengce.intake.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.events.PersonPseudonym;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.intake.HouseholdChanged;
import org.zhengce.intake.HouseholdRegistered;
import org.zhengce.intake.Member;
import org.zhengce.intake.MemberJoined;
import org.zhengce.intake.ResidentIdentity;
import org.zhengce.intake.identity.InvalidIdentityNumberException;
import org.zhengce.intake.validation.EventPseudonymisation;
import reactor.core.publisher.Mono;

/**
 * Where the households and persons of one batch are registered, as intake accepted their registrations: what
 * {@link Admission} checks a department's scope against, instead of the community an event claims. Looked up in one
 * query per batch ({@link EventLedger#registered}, which concurrent requests share: {@link RegistrationLookups}),
 * then kept current as the batch's own registrations are accepted, in order, so that an event after a registered
 * move in the same batch is checked against the move.
 *
 * <p>{@code HouseholdRegistered} and {@code HouseholdChanged} register the household and each member in the fact's
 * community; {@code MemberJoined} registers the member where the household is registered (or, for a household never
 * registered here, where the event says). A household is known by its number as {@code household.events} publishes
 * it, a person by the pseudonym (under the active key) person events are keyed by: never an identity number. A person
 * registered under an older pseudonym key is unknown until civil affairs re-sends the register after a re-keying.
 * One batch, one thread.
 */
final class Registrations {

    private final EventPseudonymisation pseudonymisation;
    private final Map<String, EventLedger.Registered> known;

    private Registrations(EventPseudonymisation pseudonymisation, Map<String, EventLedger.Registered> known) {
        this.pseudonymisation = pseudonymisation;
        this.known = new HashMap<>(known);
    }

    /** The registrations of every subject of {@code batch}, in one query. */
    static Mono<Registrations> of(
            List<Submission> batch, EventPseudonymisation pseudonymisation, RegistrationLookups lookups) {
        Set<String> subjects = new LinkedHashSet<>();
        for (Submission submission : batch) {
            DepartmentEvent event = submission.read().event();
            String subject = event == null ? null : subjectOf(event, pseudonymisation);
            if (subject != null) {
                subjects.add(subject);
            }
        }
        return lookups.registered(subjects).map(found -> new Registrations(pseudonymisation, found));
    }

    /**
     * Where the subject of {@code event} is registered; null if it never was (or it cannot be known: an identity
     * number validation refuses).
     */
    EventLedger.@Nullable Registered of(DepartmentEvent event) {
        String subject = subjectOf(event, pseudonymisation);
        return subject == null ? null : known.get(subject);
    }

    /**
     * What {@code event}, accepted, registers; the events after it in this batch see it. A registration older than
     * the one known changes nothing (it is still recorded: {@link EventLedger#claim} keeps the latest).
     */
    List<EventLedger.Registration> accept(DepartmentEvent event) {
        String household = event.getSubject() instanceof HouseholdNumber number && number.getValue() != null
                ? household(number.getValue())
                : null;
        if (household == null) {
            return List.of();
        }
        List<EventLedger.Registration> registrations = new ArrayList<>();
        if (event.getFact() instanceof HouseholdRegistered registered) {
            register(event, household, registered.getCommunityCode(), registered.getMembers(), registrations);
        } else if (event.getFact() instanceof HouseholdChanged changed) {
            register(event, household, changed.getCommunityCode(), changed.getMembers(), registrations);
        } else if (event.getFact() instanceof MemberJoined joined) {
            EventLedger.Registered where = known.get(household);
            String community = where == null ? event.getCommunityCode() : where.communityCode();
            if (community != null) {
                register(event, null, community, List.of(joined.getMember()), registrations);
            }
        }
        for (EventLedger.Registration registration : registrations) {
            EventLedger.Registered before = known.get(registration.subject());
            if (before == null || !before.registeredAt().isAfter(registration.registeredAt())) {
                known.put(
                        registration.subject(),
                        new EventLedger.Registered(registration.communityCode(), registration.registeredAt()));
            }
        }
        return registrations;
    }

    private void register(
            DepartmentEvent event,
            @Nullable String household,
            String community,
            List<Member> members,
            List<EventLedger.Registration> registrations) {
        if (household != null) {
            registrations.add(
                    new EventLedger.Registration(event.getEventId(), household, community, event.getOccurredAt()));
        }
        for (Member member : members) {
            String person = personOf(member.getIdentity(), pseudonymisation);
            if (person != null) {
                registrations.add(
                        new EventLedger.Registration(event.getEventId(), person, community, event.getOccurredAt()));
            }
        }
    }

    private static @Nullable String subjectOf(DepartmentEvent event, EventPseudonymisation pseudonymisation) {
        Object subject = event.getSubject();
        if (subject instanceof HouseholdNumber number && number.getValue() != null) {
            return household(number.getValue());
        }
        if (subject instanceof ResidentIdentity identity) {
            return personOf(identity, pseudonymisation);
        }
        return null;
    }

    private static @Nullable String personOf(
            @Nullable ResidentIdentity identity, EventPseudonymisation pseudonymisation) {
        if (identity == null || identity.getIdentityNumber() == null) {
            return null;
        }
        try {
            return person(pseudonymisation.pseudonymOf(identity));
        } catch (InvalidIdentityNumberException invalid) {
            // validation refuses the event and names the rule
            return null;
        }
    }

    static String household(String number) {
        return "household:" + number;
    }

    static String person(PersonPseudonym pseudonym) {
        return "person:" + pseudonym.getKeyId() + ":" + pseudonym.getValue();
    }
}
