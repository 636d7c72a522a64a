package org.zhengce.scoring.portrait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.zhengce.scoring.portrait.Events.FATHER;
import static org.zhengce.scoring.portrait.Events.GRANDMA;
import static org.zhengce.scoring.portrait.Events.HOUSEHOLD;
import static org.zhengce.scoring.portrait.Events.MOTHER;
import static org.zhengce.scoring.portrait.Events.SON;
import static org.zhengce.scoring.portrait.Events.aboutHousehold;
import static org.zhengce.scoring.portrait.Events.aboutPerson;
import static org.zhengce.scoring.portrait.Events.admitted;
import static org.zhengce.scoring.portrait.Events.changed;
import static org.zhengce.scoring.portrait.Events.disability;
import static org.zhengce.scoring.portrait.Events.economicCheck;
import static org.zhengce.scoring.portrait.Events.ended;
import static org.zhengce.scoring.portrait.Events.everyKindOfFact;
import static org.zhengce.scoring.portrait.Events.expense;
import static org.zhengce.scoring.portrait.Events.family;
import static org.zhengce.scoring.portrait.Events.granted;
import static org.zhengce.scoring.portrait.Events.illness;
import static org.zhengce.scoring.portrait.Events.jobEnded;
import static org.zhengce.scoring.portrait.Events.joined;
import static org.zhengce.scoring.portrait.Events.left;
import static org.zhengce.scoring.portrait.Events.member;
import static org.zhengce.scoring.portrait.Events.portraitOf;
import static org.zhengce.scoring.portrait.Events.registered;
import static org.zhengce.scoring.portrait.Events.rejected;
import static org.zhengce.scoring.portrait.Events.rentArrears;
import static org.zhengce.scoring.portrait.Events.visit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.zhengce.events.AssistanceEndReason;
import org.zhengce.events.Department;
import org.zhengce.events.DisabilityType;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.IllnessCategory;
import org.zhengce.events.Programme;
import org.zhengce.events.RejectionReason;
import org.zhengce.events.RelationToHead;
import org.zhengce.events.Sex;
import org.zhengce.events.Urgency;
import org.zhengce.scoring.portrait.Portraits.MembershipChange;

class PortraitsTest {

    private static final List<HouseholdEvent> EVERY_FACT = everyKindOfFact();

    @Nested
    class EveryFact {

        @Test
        void everyFactOfTheHouseholdEventUnionIsKeptOrChangesMembers() {
            Schema union = HouseholdEvent.getClassSchema().getField("fact").schema();
            Set<String> branches =
                    union.getTypes().stream().map(Schema::getName).collect(Collectors.toSet());
            Set<String> handled = new java.util.HashSet<>(Fact.typesByEvent().keySet());
            handled.addAll(Fact.membershipEventTypes());

            assertThat(handled).isEqualTo(branches);
        }

        @Test
        void everyFactKeepsEveryFieldOfItsEventUnderTheSameName() {
            Schema union = HouseholdEvent.getClassSchema().getField("fact").schema();
            for (Schema branch : union.getTypes()) {
                Class<? extends Fact> kept = Fact.typesByEvent().get(branch.getName());
                if (kept == null) {
                    continue;
                }
                Set<String> components = Arrays.stream(kept.getRecordComponents())
                        .map(c -> c.getName())
                        .collect(Collectors.toSet());
                assertThat(components)
                        .as(branch.getName())
                        .containsAll(branch.getFields().stream()
                                .map(Schema.Field::name)
                                .toList())
                        .contains("person", "source");
            }
        }

        @Test
        void applyingOneEventOfEveryTypeKeepsEachFactWithItsSource() {
            Portrait portrait = portraitOf(EVERY_FACT.toArray(HouseholdEvent[]::new));

            assertThat(portrait.facts()).hasSize(EVERY_FACT.size() - 1);
            assertThat(portrait.facts().stream()
                            .map(f -> f.source().eventType())
                            .collect(Collectors.toSet()))
                    .isEqualTo(Fact.typesByEvent().keySet());
            for (Fact fact : portrait.facts()) {
                HouseholdEvent event = EVERY_FACT.stream()
                        .filter(e -> e.getPlatformEventId().equals(fact.source().platformEventId()))
                        .findFirst()
                        .orElseThrow();
                assertThat(fact.source()).isEqualTo(Source.of(event));
            }
            assertThat(portrait.appliedEventIds()).hasSize(EVERY_FACT.size());
            assertThat(portrait.lastEventAt()).isEqualTo(Instant.parse("2026-03-16T03:00:00Z"));
        }

        @Test
        void eachFactLandsInItsGroupWithItsFields() {
            Portrait portrait = portraitOf(EVERY_FACT.toArray(HouseholdEvent[]::new));

            assertThat(portrait.communityCode()).isEqualTo(Events.COMMUNITY);
            assertThat(portrait.economicCheck().monthlyIncomePerHeadFen()).isEqualTo(95_000);
            assertThat(portrait.programmes().active()).singleElement().satisfies(dibao -> {
                assertThat(dibao.programme()).isEqualTo(Programme.DIBAO);
                assertThat(dibao.monthlyAmountFen()).isEqualTo(120_000);
                assertThat(dibao.startDate()).isEqualTo(LocalDate.parse("2026-02-01"));
                assertThat(dibao.person()).isNull();
            });
            assertThat(portrait.programmes().ended()).singleElement().satisfies(end -> {
                assertThat(end.reason()).isEqualTo(AssistanceEndReason.PERIOD_EXPIRED);
                assertThat(end.person()).isEqualTo(GRANDMA);
            });
            assertThat(portrait.programmes().rejected().get(0).reason()).isEqualTo(RejectionReason.DOCUMENTS_MISSING);
            assertThat(portrait.health().admissions().get(0).emergency()).isTrue();
            assertThat(portrait.health().discharges().get(0).lengthOfStayDays()).isEqualTo(19);
            assertThat(portrait.health().expenses().get(0).outOfPocketFen()).isEqualTo(860_000);
            assertThat(portrait.health().expenses().get(0).source().department())
                    .isEqualTo(Department.MEDICAL_INSURANCE);
            assertThat(portrait.health().illnesses().get(0).category()).isEqualTo(IllnessCategory.CHRONIC);
            assertThat(portrait.health().insuranceLapses().get(0).person()).isEqualTo(MOTHER);
            assertThat(portrait.disabilities().get(0).grade()).isEqualTo(2);
            assertThat(portrait.employment().ended().get(0).person()).isEqualTo(FATHER);
            assertThat(portrait.employment().unemployment().get(0).receivesUnemploymentInsurance())
                    .isFalse();
            assertThat(portrait.employment().started().get(0).monthlyWageFen()).isEqualTo(380_000);
            assertThat(portrait.employment().pensions().get(0).monthlyAmountFen())
                    .isEqualTo(150_000);
            assertThat(portrait.employment().contributionsStopped()).hasSize(1);
            assertThat(portrait.education().enrolments().get(0).person()).isEqualTo(SON);
            assertThat(portrait.education().aidRequested()).hasSize(1);
            assertThat(portrait.education().aidGranted().get(0).annualAmountFen())
                    .isEqualTo(100_000);
            assertThat(portrait.education().dropOutRisks().get(0).absentDays()).isEqualTo(12);
            assertThat(portrait.releases().get(0).releaseDate()).isEqualTo(LocalDate.parse("2026-03-09"));
            assertThat(portrait.housing().dangerous()).hasSize(1);
            assertThat(portrait.housing().rentArrears().get(0).monthsUnpaid()).isEqualTo(3);
            assertThat(portrait.disasters().get(0).lossFen()).isEqualTo(1_200_000);
            assertThat(portrait.utilityArrears().get(0).monthsUnpaid()).isEqualTo(4);
            assertThat(portrait.findings())
                    .extracting(f -> f.source().eventType(), Finding::urgency, Finding::person)
                    .containsExactly(
                            tuple("VisitRecorded", Urgency.IN_STAGES, null),
                            tuple("TipReported", Urgency.SOLVE_NOW, GRANDMA));
        }

        @Test
        void personFactsAttachToTheMemberTheSubjectNamesAndHouseholdFactsToNobody() {
            Portrait portrait = portraitOf(EVERY_FACT.toArray(HouseholdEvent[]::new));

            assertThat(portrait.factsAbout(GRANDMA))
                    .extracting(f -> f.source().eventType())
                    .containsExactlyInAnyOrder(
                            "AssistanceEnded",
                            "HospitalAdmitted",
                            "HospitalDischarged",
                            "MedicalExpenseSettled",
                            "IllnessCertified",
                            "PensionStarted",
                            "TipReported");
            assertThat(portrait.factsAbout(SON))
                    .extracting(f -> f.source().eventType())
                    .containsExactlyInAnyOrder(
                            "StudentEnrolled", "SchoolAidRequested", "SchoolAidGranted", "DropOutRiskReported");
            assertThat(portrait.factsAbout(null))
                    .extracting(f -> f.source().eventType())
                    .contains("EconomicCheckDone", "DangerousHousingReported", "VisitRecorded")
                    .doesNotContain("HospitalAdmitted");
        }
    }

    @Nested
    class Members {

        @Test
        void registrationSetsTheMembersTheCommunityAndItsSource() {
            HouseholdEvent registration =
                    aboutHousehold().at("2026-01-05T01:00:00Z").fact(registered(family()));

            Portrait portrait = portraitOf(registration);

            assertThat(portrait.members())
                    .extracting(HouseholdMember::person)
                    .containsExactly(FATHER, MOTHER, GRANDMA, SON);
            assertThat(portrait.member(GRANDMA).orElseThrow()).satisfies(grandma -> {
                assertThat(grandma.birthDate()).isEqualTo(LocalDate.parse("1942-03-10"));
                assertThat(grandma.relationToHead()).isEqualTo(RelationToHead.PARENT);
                assertThat(grandma.since()).isEqualTo(registration.getOccurredAt());
                assertThat(grandma.source()).isEqualTo(Source.of(registration));
                assertThat(grandma.ageOn(LocalDate.parse("2026-03-10"))).isEqualTo(84);
                assertThat(grandma.ageOn(LocalDate.parse("2026-03-09"))).isEqualTo(83);
            });
            assertThat(portrait.registration()).isEqualTo(Source.of(registration));
            assertThat(portrait.communityCode()).isEqualTo(Events.COMMUNITY);
        }

        @Test
        void householdChangedReplacesTheMembersAndTheRemovedTakeTheirFactsWithThem() {
            Portrait before = portraitOf(
                    aboutHousehold().at("2026-01-05T01:00:00Z").fact(registered(family())),
                    aboutPerson(GRANDMA)
                            .by(Department.HEALTH)
                            .at("2026-02-01T00:00:00Z")
                            .fact(admitted(false)),
                    aboutPerson(SON)
                            .by(Department.HEALTH)
                            .at("2026-02-02T00:00:00Z")
                            .fact(admitted(false)));
            HouseholdEvent change = aboutHousehold()
                    .at("2026-04-01T00:00:00Z")
                    .fact(changed(
                            "420106002003",
                            member(FATHER, RelationToHead.HEAD, "1978-07-01", Sex.MALE),
                            member(MOTHER, RelationToHead.SPOUSE, "1980-11-20", Sex.FEMALE),
                            member(SON, RelationToHead.CHILD, "2014-09-02", Sex.MALE)));

            Portrait after = Portraits.apply(before, change);

            assertThat(after.members()).extracting(HouseholdMember::person).containsExactly(FATHER, MOTHER, SON);
            assertThat(after.communityCode()).isEqualTo("420106002003");
            assertThat(after.factsAbout(GRANDMA)).isEmpty();
            assertThat(after.factsAbout(SON)).hasSize(1);
            // unchanged details: the member keeps the event that first stated them
            assertThat(after.member(FATHER).orElseThrow())
                    .isEqualTo(before.member(FATHER).orElseThrow());
            // corrected birth date: same member since, the change as source
            assertThat(after.member(SON).orElseThrow()).satisfies(son -> {
                assertThat(son.birthDate()).isEqualTo(LocalDate.parse("2014-09-02"));
                assertThat(son.since()).isEqualTo(Instant.parse("2026-01-05T01:00:00Z"));
                assertThat(son.source()).isEqualTo(Source.of(change));
            });
        }

        @Test
        void memberJoinedAddsAndMemberLeftRemovesWithTheirFacts() {
            HouseholdEvent birth = aboutHousehold()
                    .at("2026-05-01T00:00:00Z")
                    .fact(joined(member("p-baby", RelationToHead.GRANDCHILD, "2026-04-28", Sex.FEMALE)));
            Portrait portrait = portraitOf(
                    aboutHousehold().at("2026-01-05T01:00:00Z").fact(registered(family())),
                    aboutPerson(GRANDMA)
                            .by(Department.HEALTH)
                            .at("2026-02-01T00:00:00Z")
                            .fact(admitted(false)),
                    birth,
                    aboutHousehold().at("2026-06-01T00:00:00Z").fact(left(GRANDMA)));

            assertThat(portrait.members())
                    .extracting(HouseholdMember::person)
                    .containsExactly(FATHER, MOTHER, SON, "p-baby");
            assertThat(portrait.member("p-baby").orElseThrow().source()).isEqualTo(Source.of(birth));
            assertThat(portrait.facts()).isEmpty();
        }

        @Test
        void aMembershipEventOlderThanTheRegistrationIsIgnored() {
            Portrait current =
                    portraitOf(aboutHousehold().at("2026-03-01T00:00:00Z").fact(registered(family())));
            HouseholdEvent late = aboutHousehold()
                    .at("2026-02-01T00:00:00Z")
                    .fact(changed("420106009009", member(FATHER, RelationToHead.HEAD, "1978-07-01", Sex.MALE)));

            Portrait after = Portraits.apply(current, late);

            assertThat(after.members()).isEqualTo(current.members());
            assertThat(after.communityCode()).isEqualTo(Events.COMMUNITY);
            assertThat(after.hasApplied(late.getPlatformEventId())).isTrue();
            assertThat(Portraits.membershipChanges(current, late)).isEmpty();
        }

        @Test
        void aPersonFactForSomeoneNotYetAMemberIsKept() {
            Portrait portrait = portraitOf(aboutPerson("p-lodger")
                    .by(Department.HEALTH)
                    .at("2026-02-01T00:00:00Z")
                    .fact(admitted(false)));

            assertThat(portrait.factsAbout("p-lodger")).hasSize(1);
            assertThat(portrait.isMember("p-lodger")).isFalse();
        }
    }

    @Nested
    class MembershipChanges {

        @Test
        void registrationPutsEveryMemberInTheHousehold() {
            HouseholdEvent registration = aboutHousehold().fact(registered(family()));

            assertThat(Portraits.membershipChanges(registration))
                    .containsExactly(
                            new MembershipChange(FATHER, HOUSEHOLD),
                            new MembershipChange(MOTHER, HOUSEHOLD),
                            new MembershipChange(GRANDMA, HOUSEHOLD),
                            new MembershipChange(SON, HOUSEHOLD));
        }

        @Test
        void aPersonDroppedByHouseholdChangedLeavesWithNoHousehold() {
            Portrait before =
                    portraitOf(aboutHousehold().at("2026-01-05T01:00:00Z").fact(registered(family())));
            HouseholdEvent change = aboutHousehold()
                    .at("2026-04-01T00:00:00Z")
                    .fact(changed(
                            Events.COMMUNITY,
                            member(FATHER, RelationToHead.HEAD, "1978-07-01", Sex.MALE),
                            member(SON, RelationToHead.CHILD, "2014-09-01", Sex.MALE)));

            assertThat(Portraits.membershipChanges(before, change))
                    .containsExactly(
                            new MembershipChange(FATHER, HOUSEHOLD),
                            new MembershipChange(SON, HOUSEHOLD),
                            new MembershipChange(MOTHER, null),
                            new MembershipChange(GRANDMA, null));
            // the event alone names only those it lists
            assertThat(Portraits.membershipChanges(change))
                    .containsExactly(new MembershipChange(FATHER, HOUSEHOLD), new MembershipChange(SON, HOUSEHOLD));
        }

        @Test
        void joinedAndLeftNameTheirPerson() {
            assertThat(Portraits.membershipChanges(aboutHousehold()
                            .fact(joined(member("p-baby", RelationToHead.GRANDCHILD, "2026-04-28", Sex.FEMALE)))))
                    .containsExactly(new MembershipChange("p-baby", HOUSEHOLD));
            assertThat(Portraits.membershipChanges(aboutHousehold().fact(left(GRANDMA))))
                    .containsExactly(new MembershipChange(GRANDMA, null));
        }

        @Test
        void otherFactsChangeNoMembership() {
            for (HouseholdEvent event : EVERY_FACT.subList(1, EVERY_FACT.size())) {
                assertThat(Portraits.membershipChanges(event))
                        .as(Source.eventType(event))
                        .isEmpty();
            }
        }

        @Test
        void anEventAlreadyAppliedChangesNoMembership() {
            HouseholdEvent registration = aboutHousehold().fact(registered(family()));
            Portrait after = portraitOf(registration);

            assertThat(Portraits.membershipChanges(after, registration)).isEmpty();
        }

        @Test
        void aMembershipEventMustNameTheHousehold() {
            HouseholdEvent wrong = aboutPerson(GRANDMA).fact(left(GRANDMA));

            assertThatThrownBy(() -> Portraits.membershipChanges(wrong))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("household number as its subject");
            assertThatThrownBy(() -> Portraits.apply(Portraits.empty(HOUSEHOLD), wrong))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Idempotence {

        @Test
        void applyingTheSameEventTwiceChangesNothing() {
            Portrait once = portraitOf(EVERY_FACT.toArray(HouseholdEvent[]::new));

            for (HouseholdEvent event : EVERY_FACT) {
                assertThat(Portraits.apply(once, event)).isSameAs(once);
            }
        }

        @Test
        void theAppliedIdsAreBoundedToTheLastOnes() {
            Portrait portrait = Portraits.empty(HOUSEHOLD);
            Instant start = Instant.parse("2026-01-01T00:00:00Z");
            for (int i = 0; i <= Portraits.APPLIED_EVENTS_KEPT; i++) {
                portrait = Portraits.apply(
                        portrait,
                        aboutHousehold()
                                .id("visit-" + i)
                                .by(Department.COMMUNITY)
                                .at(start.plusSeconds(i * 60L))
                                .fact(visit(Urgency.LONG_TERM)));
            }

            assertThat(portrait.appliedEventIds()).hasSize(Portraits.APPLIED_EVENTS_KEPT);
            assertThat(portrait.hasApplied("visit-0")).isFalse();
            assertThat(portrait.hasApplied("visit-1")).isTrue();
            assertThat(portrait.hasApplied("visit-" + Portraits.APPLIED_EVENTS_KEPT))
                    .isTrue();
        }

        @Test
        void theOrderOfArrivalDoesNotChangeTheFacts() {
            List<HouseholdEvent> reversed = new ArrayList<>(EVERY_FACT.subList(1, EVERY_FACT.size()));
            java.util.Collections.reverse(reversed);
            reversed.add(0, EVERY_FACT.get(0));

            Portrait inOrder = portraitOf(EVERY_FACT.toArray(HouseholdEvent[]::new));
            Portrait backwards = portraitOf(reversed.toArray(HouseholdEvent[]::new));

            assertThat(backwards.facts()).isEqualTo(inOrder.facts());
        }
    }

    @Nested
    class Assistance {

        @Test
        void aProgrammeEndedMovesFromActiveToHistory() {
            Portrait portrait = portraitOf(
                    aboutHousehold().at("2026-01-01T00:00:00Z").fact(granted(Programme.DIBAO, 120_000, "2026-01-01")),
                    aboutHousehold()
                            .at("2026-05-01T00:00:00Z")
                            .fact(ended(Programme.DIBAO, "2026-04-30", AssistanceEndReason.INCOME_ABOVE_LINE)));

            assertThat(portrait.programmes().active()).isEmpty();
            assertThat(portrait.programmes().ended())
                    .singleElement()
                    .extracting(e -> e.programme())
                    .isEqualTo(Programme.DIBAO);
            assertThat(Portraits.needsRescreening(portrait)).isTrue();
        }

        @Test
        void aGrantArrivingAfterALaterEndStaysEnded() {
            Portrait portrait = portraitOf(
                    aboutHousehold()
                            .at("2026-05-01T00:00:00Z")
                            .fact(ended(Programme.DIBAO, "2026-04-30", AssistanceEndReason.INCOME_ABOVE_LINE)),
                    aboutHousehold().at("2026-01-01T00:00:00Z").fact(granted(Programme.DIBAO, 120_000, "2026-01-01")));

            assertThat(portrait.programmes().active()).isEmpty();
        }

        @Test
        void aNewGrantAfterAnEndMakesTheProgrammeActiveAgain() {
            Portrait portrait = portraitOf(
                    aboutHousehold().at("2026-01-01T00:00:00Z").fact(granted(Programme.DIBAO, 120_000, "2026-01-01")),
                    aboutHousehold()
                            .at("2026-05-01T00:00:00Z")
                            .fact(ended(Programme.DIBAO, "2026-04-30", AssistanceEndReason.INCOME_ABOVE_LINE)),
                    aboutHousehold().at("2026-09-01T00:00:00Z").fact(granted(Programme.DIBAO, 130_000, "2026-09-01")));

            assertThat(portrait.programmes().active())
                    .singleElement()
                    .extracting(a -> a.monthlyAmountFen())
                    .isEqualTo(130_000L);
        }

        @Test
        void aHouseholdNeverRefusedNorEndedNeedsNoRescreening() {
            Portrait portrait = portraitOf(
                    aboutHousehold().at("2026-01-01T00:00:00Z").fact(granted(Programme.DIBAO, 120_000, "2026-01-01")));

            assertThat(Portraits.needsRescreening(portrait)).isFalse();
            assertThat(Portraits.needsRescreening(Portraits.apply(
                            portrait,
                            aboutHousehold()
                                    .at("2026-02-01T00:00:00Z")
                                    .fact(rejected(Programme.LOW_INCOME, RejectionReason.INCOME_ABOVE_LINE)))))
                    .isTrue();
        }

        @Test
        void theLatestEconomicCheckWinsWhateverTheArrivalOrder() {
            Portrait portrait = portraitOf(
                    aboutHousehold().at("2026-06-01T00:00:00Z").fact(economicCheck(150_000, false)),
                    aboutHousehold().at("2026-01-01T00:00:00Z").fact(economicCheck(80_000, true)));

            assertThat(portrait.economicCheck().monthlyIncomePerHeadFen()).isEqualTo(150_000);
        }
    }

    @Nested
    class Retention {

        @Test
        void factsOlderThanTheRetentionArePrunedButLongLivedFactsStay() {
            Portrait portrait = portraitOf(
                    aboutHousehold().at("2021-01-05T00:00:00Z").fact(registered(family())),
                    aboutPerson(GRANDMA)
                            .by(Department.HEALTH)
                            .at("2021-02-01T00:00:00Z")
                            .fact(admitted(false)),
                    aboutPerson(GRANDMA)
                            .by(Department.HEALTH)
                            .at("2021-02-02T00:00:00Z")
                            .fact(illness(IllnessCategory.SERIOUS)),
                    aboutPerson(FATHER)
                            .by(Department.DISABLED_PERSONS_FEDERATION)
                            .at("2021-03-01T00:00:00Z")
                            .fact(disability(1, DisabilityType.VISUAL)),
                    aboutHousehold().at("2021-04-01T00:00:00Z").fact(granted(Programme.DIBAO, 90_000, "2021-04-01")),
                    aboutPerson(FATHER)
                            .by(Department.HUMAN_RESOURCES_SOCIAL_SECURITY)
                            .at("2022-01-01T00:00:00Z")
                            .fact(jobEnded()),
                    aboutHousehold()
                            .by(Department.HOUSING)
                            .at("2025-06-01T00:00:00Z")
                            .fact(rentArrears(2, 60_000)));

            // the last event is 2025-06-01: facts before 2022-06-02 are past the three years
            assertThat(portrait.health().admissions()).isEmpty();
            assertThat(portrait.employment().ended()).isEmpty();
            assertThat(portrait.health().illnesses()).hasSize(1);
            assertThat(portrait.disabilities()).hasSize(1);
            assertThat(portrait.programmes().active()).hasSize(1);
            assertThat(portrait.members()).hasSize(4);
            assertThat(portrait.housing().rentArrears()).hasSize(1);
        }

        @Test
        void anEventOlderThanTheRetentionLeavesNoFact() {
            Portrait recent = portraitOf(aboutHousehold()
                    .by(Department.HOUSING)
                    .at("2026-06-01T00:00:00Z")
                    .fact(rentArrears(2, 60_000)));
            HouseholdEvent ancient = aboutPerson(FATHER)
                    .by(Department.HEALTH)
                    .at("2020-01-01T00:00:00Z")
                    .fact(expense(10_000, 5_000));

            Portrait after = Portraits.apply(recent, ancient);

            assertThat(after.health().expenses()).isEmpty();
            assertThat(after.hasApplied(ancient.getPlatformEventId())).isTrue();
        }

        @Test
        void eachKindKeepsItsNewestFacts() {
            Portrait portrait = Portraits.empty(HOUSEHOLD);
            Instant start = Instant.parse("2026-01-01T00:00:00Z");
            for (int i = 0; i < Portraits.FACTS_KEPT_PER_KIND + 5; i++) {
                portrait = Portraits.apply(
                        portrait,
                        aboutHousehold()
                                .id("tip-" + i)
                                .by(Department.COMMUNITY)
                                .at(start.plusSeconds(i * 3600L))
                                .fact(Events.tip(Urgency.LONG_TERM)));
            }

            assertThat(portrait.findings()).hasSize(Portraits.FACTS_KEPT_PER_KIND);
            assertThat(portrait.findings().get(0).source().platformEventId()).isEqualTo("tip-5");
        }
    }

    @Nested
    class Envelope {

        @Test
        void anEventAboutAnotherHouseholdIsRefused() {
            HouseholdEvent other = aboutHousehold("420106001001-9999").fact(economicCheck(80_000, false));

            assertThatThrownBy(() -> Portraits.apply(Portraits.empty(HOUSEHOLD), other))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("420106001001-9999");
        }

        @Test
        void theEnvelopesCommunityNeverFillsInOnlyARegistrationSetsIt() {
            Portrait portrait = portraitOf(aboutHousehold()
                    .community("420106001777")
                    .at("2026-01-01T00:00:00Z")
                    .fact(economicCheck(1, false)));
            assertThat(portrait.communityCode()).isNull();

            portrait = Portraits.apply(
                    portrait, aboutHousehold().at("2026-01-02T00:00:00Z").fact(registered(family())));
            assertThat(portrait.communityCode()).isEqualTo(Events.COMMUNITY);
        }

        @Test
        void aLaterEventClaimingAnotherCommunityDoesNotMoveTheHousehold() {
            Portrait registeredHere =
                    portraitOf(aboutHousehold().at("2026-01-02T00:00:00Z").fact(registered(family())));

            Portrait after = Portraits.apply(
                    registeredHere,
                    aboutPerson(GRANDMA)
                            .by(Department.HEALTH)
                            .community("420106009999")
                            .at("2026-02-01T00:00:00Z")
                            .fact(admitted(false)));
            after = Portraits.apply(
                    after,
                    aboutHousehold()
                            .by(Department.CIVIL_AFFAIRS)
                            .community("420106009999")
                            .at("2026-02-02T00:00:00Z")
                            .fact(granted(Programme.DIBAO, 60_000, "2026-02-01")));

            assertThat(after.communityCode()).isEqualTo(Events.COMMUNITY);
            assertThat(after.registration()).isEqualTo(registeredHere.registration());
            assertThat(after.facts()).hasSize(2);
        }

        @Test
        void aRegisteredMoveMovesTheHousehold() {
            Portrait registeredHere =
                    portraitOf(aboutHousehold().at("2026-01-02T00:00:00Z").fact(registered(family())));
            HouseholdEvent move = aboutHousehold()
                    .community(Events.COMMUNITY)
                    .at("2026-03-01T00:00:00Z")
                    .fact(changed("420106002003", member(FATHER, RelationToHead.HEAD, "1978-07-01", Sex.MALE)));

            Portrait after = Portraits.apply(registeredHere, move);

            assertThat(after.communityCode()).isEqualTo("420106002003");
            assertThat(after.registration()).isEqualTo(Source.of(move));
        }

        @Test
        void householdFactsAreTheOnesWhoseSubjectMustBeTheHousehold() {
            assertThat(EVERY_FACT.stream()
                            .filter(Portraits::isHouseholdFact)
                            .map(Source::eventType)
                            .collect(Collectors.toSet()))
                    .containsExactlyInAnyOrder(
                            "HouseholdRegistered",
                            "EconomicCheckDone",
                            "DangerousHousingReported",
                            "RentArrearsReported",
                            "DisasterAffected",
                            "UtilityArrearsReported");
            assertThat(Portraits.isHouseholdFact(aboutHousehold().fact(jobEnded())))
                    .isFalse();
        }
    }
}
