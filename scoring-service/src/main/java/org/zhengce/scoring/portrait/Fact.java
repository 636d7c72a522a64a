package org.zhengce.scoring.portrait;

import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One fact of a portrait: about a person (the pseudonym value) or, when {@link #person()} is null, the household.
 * Every fact keeps the fields of the event fact it comes from under the same names, so a model rule can name them
 * ({@code outOfPocketFen}, {@code grade}...).
 */
public sealed interface Fact
        permits Programmes.Active,
                Programmes.Ended,
                Programmes.Rejected,
                EconomicCheck,
                Health.Admission,
                Health.Discharge,
                Health.Expense,
                Health.Illness,
                Health.InsuranceLapse,
                Disability,
                Employment.JobEnded,
                Employment.JobStarted,
                Employment.UnemploymentRegistration,
                Employment.PensionStart,
                Employment.ContributionsStop,
                Release,
                Housing.DangerousHousing,
                Housing.RentArrears,
                Disaster,
                UtilityArrears,
                Education.Enrolment,
                Education.AidRequest,
                Education.AidGrant,
                Education.DropOutRisk,
                Finding {

    /** Oldest first, then by platform event id. */
    Comparator<Fact> CHRONOLOGICAL = Comparator.comparing(Fact::source, Source.CHRONOLOGICAL);

    /** The person the fact is about (pseudonym value), or null for the household. */
    @Nullable
    String person();

    /** The event that reported it. */
    Source source();

    /**
     * The class that keeps each event type's fact, by the fact's record name (the event type). Membership facts
     * ({@code HouseholdRegistered}, {@code HouseholdChanged}, {@code MemberJoined}, {@code MemberLeft}) are kept as
     * {@link HouseholdMember}s, not as facts, and are not in this map.
     */
    static Map<String, Class<? extends Fact>> typesByEvent() {
        return FactTypes.BY_EVENT;
    }

    /** The event types that change the household's members instead of adding a fact. */
    static Set<String> membershipEventTypes() {
        return FactTypes.MEMBERSHIP;
    }
}
