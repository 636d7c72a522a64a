package org.zhengce.intake.decisions;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.AssistanceDecisionShared;

/**
 * An assistance decision as a department receives it over HTTP: the JSON form of {@code AssistanceDecisionShared}
 * (ADR 0014), field for field. It names the household by its number and its members by their pseudonyms, never by an
 * identity number.
 *
 * @param eventId the decision event's id, also the {@code webhook-id} of its delivery
 * @param householdNumber the household (户号)
 * @param persons the members concerned, by pseudonym; empty when the whole household is
 * @param monthlyAmountFen the monthly amount in fen (分)
 * @param recipients the departments that should act on it
 */
record SharedDecision(
        String eventId,
        String householdNumber,
        @Nullable String communityCode,
        List<Person> persons,
        String programme,
        String decision,
        String decidedBy,
        Instant decidedAt,
        @Nullable Long monthlyAmountFen,
        @Nullable LocalDate validFrom,
        @Nullable LocalDate validUntil,
        List<String> recipients,
        @Nullable String caseId) {

    /** A member by the pseudonym {@code household.events} names them by, and the id of the key it was made with. */
    record Person(String keyId, String pseudonym) {}

    SharedDecision {
        persons = List.copyOf(persons);
        recipients = List.copyOf(recipients);
    }

    static SharedDecision of(AssistanceDecisionShared decision) {
        return new SharedDecision(
                decision.getEventId(),
                decision.getHousehold().getValue(),
                decision.getCommunityCode(),
                decision.getPersons().stream()
                        .map(person -> new Person(person.getKeyId(), person.getValue()))
                        .toList(),
                decision.getProgramme().name(),
                decision.getDecision().name(),
                decision.getDecidedBy().name(),
                decision.getDecidedAt(),
                decision.getMonthlyAmountFen(),
                decision.getValidFrom(),
                decision.getValidUntil(),
                decision.getRecipients().stream().map(Enum::name).toList(),
                decision.getCaseId());
    }
}
