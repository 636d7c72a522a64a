package org.zhengce.scoring.portrait;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A household's portrait (家庭画像): its members and every fact the departments reported about it or them, each with
 * its {@link Source}. Immutable; built by {@link Portraits#apply}, stored in the household's record, scored by the
 * model. Lists of facts are oldest first.
 *
 * @param householdNumber the household (户号)
 * @param communityCode the community (村居) code, only from the registration or a registered move (
 *     {@code HouseholdChanged}); null until there is one, whatever community other events claim
 * @param registration the {@code HouseholdRegistered} or {@code HouseholdChanged} event that last set the members and
 *     the community
 * @param members the current members
 * @param programmes the programmes the household is in, and those it left or was refused
 * @param economicCheck the latest economic check (income per head, assets)
 * @param disabilities disabilities certified, by person
 * @param releases releases from custody, by person
 * @param disasters disasters that affected the household
 * @param utilityArrears utility arrears reported
 * @param findings offline findings: visits and tips
 * @param lastEventAt the latest {@code occurredAt} of the events applied; retention counts back from it
 * @param appliedEventIds platform event ids of the last {@value Portraits#APPLIED_EVENTS_KEPT} events applied, oldest
 *     first, so that an event applied twice changes nothing
 */
public record Portrait(
        String householdNumber,
        @Nullable String communityCode,
        @Nullable Source registration,
        List<HouseholdMember> members,
        Programmes programmes,
        @Nullable EconomicCheck economicCheck,
        Health health,
        List<Disability> disabilities,
        Employment employment,
        List<Release> releases,
        Housing housing,
        List<Disaster> disasters,
        List<UtilityArrears> utilityArrears,
        Education education,
        List<Finding> findings,
        @Nullable Instant lastEventAt,
        List<String> appliedEventIds) {

    public Portrait {
        Objects.requireNonNull(householdNumber, "householdNumber");
        members = List.copyOf(members);
        disabilities = List.copyOf(disabilities);
        releases = List.copyOf(releases);
        disasters = List.copyOf(disasters);
        utilityArrears = List.copyOf(utilityArrears);
        findings = List.copyOf(findings);
        appliedEventIds = List.copyOf(appliedEventIds);
    }

    /** The member with this pseudonym value, if they belong to the household. */
    public Optional<HouseholdMember> member(String person) {
        return members.stream().filter(m -> m.person().equals(person)).findFirst();
    }

    /** True when the person (pseudonym value) is a current member. */
    public boolean isMember(String person) {
        return member(person).isPresent();
    }

    /** True when the event with this platform event id has been applied (among the last ones kept). */
    public boolean hasApplied(String platformEventId) {
        return appliedEventIds.contains(platformEventId);
    }

    /** Every fact of the portrait (members aside), group by group, each group oldest first. */
    public List<Fact> facts() {
        List<Fact> facts = new ArrayList<>();
        facts.addAll(programmes.active());
        facts.addAll(programmes.ended());
        facts.addAll(programmes.rejected());
        if (economicCheck != null) {
            facts.add(economicCheck);
        }
        facts.addAll(health.admissions());
        facts.addAll(health.discharges());
        facts.addAll(health.expenses());
        facts.addAll(health.illnesses());
        facts.addAll(health.insuranceLapses());
        facts.addAll(disabilities);
        facts.addAll(employment.ended());
        facts.addAll(employment.started());
        facts.addAll(employment.unemployment());
        facts.addAll(employment.pensions());
        facts.addAll(employment.contributionsStopped());
        facts.addAll(releases);
        facts.addAll(housing.dangerous());
        facts.addAll(housing.rentArrears());
        facts.addAll(disasters);
        facts.addAll(utilityArrears);
        facts.addAll(education.enrolments());
        facts.addAll(education.aidRequested());
        facts.addAll(education.aidGranted());
        facts.addAll(education.dropOutRisks());
        facts.addAll(findings);
        return facts;
    }

    /** The facts about one person (pseudonym value), or about the household itself when {@code person} is null. */
    public List<Fact> factsAbout(@Nullable String person) {
        return facts().stream().filter(f -> Objects.equals(f.person(), person)).toList();
    }
}
