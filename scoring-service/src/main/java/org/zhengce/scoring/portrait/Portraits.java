package org.zhengce.scoring.portrait;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.AssistanceApplicationRejected;
import org.zhengce.events.AssistanceEnded;
import org.zhengce.events.AssistanceGranted;
import org.zhengce.events.ContributionsStopped;
import org.zhengce.events.DangerousHousingReported;
import org.zhengce.events.DisabilityCertified;
import org.zhengce.events.DisasterAffected;
import org.zhengce.events.DropOutRiskReported;
import org.zhengce.events.EconomicCheckDone;
import org.zhengce.events.EmploymentEnded;
import org.zhengce.events.EmploymentStarted;
import org.zhengce.events.HospitalAdmitted;
import org.zhengce.events.HospitalDischarged;
import org.zhengce.events.HouseholdChanged;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.events.HouseholdRegistered;
import org.zhengce.events.IllnessCertified;
import org.zhengce.events.InsuranceLapsed;
import org.zhengce.events.MedicalExpenseSettled;
import org.zhengce.events.Member;
import org.zhengce.events.MemberJoined;
import org.zhengce.events.MemberLeft;
import org.zhengce.events.PensionStarted;
import org.zhengce.events.PersonPseudonym;
import org.zhengce.events.Programme;
import org.zhengce.events.ReleasedFromCustody;
import org.zhengce.events.RentArrearsReported;
import org.zhengce.events.SchoolAidGranted;
import org.zhengce.events.SchoolAidRequested;
import org.zhengce.events.StudentEnrolled;
import org.zhengce.events.TipReported;
import org.zhengce.events.UnemploymentRegistered;
import org.zhengce.events.UtilityArrearsReported;
import org.zhengce.events.VisitRecorded;

/**
 * Builds portraits from household events: {@code apply(portrait, event)} is the portrait's whole evolution, a pure
 * function of the portrait and the event.
 *
 * <ul>
 *   <li><b>Members.</b> {@code HouseholdRegistered} and {@code HouseholdChanged} replace the member list and the
 *       community; {@code MemberJoined} adds (or updates) a member, {@code MemberLeft} removes one. A member keeps
 *       {@code since} and {@code source} while their details stay the same. The newest statement wins: a membership
 *       event older than the current registration is recorded as applied and otherwise ignored. The facts of a person
 *       who leaves (or is no longer in a changed member list) go with them.
 *   <li><b>Community.</b> Only the registration and a registered move ({@code HouseholdChanged}) set the community
 *       (村居); the community another event's envelope claims, whichever department sends it, never sets nor moves
 *       it, since a read's jurisdiction is checked against it. Until a registration the portrait has none.
 *   <li><b>Facts.</b> A fact attaches to the person named by the event's subject ({@link PersonPseudonym}), or to the
 *       household when the subject is the household number. Lists stay oldest first whatever the arrival order. A
 *       person fact for someone who is not (or not yet) a member is kept; the model counts only members' facts.
 *   <li><b>Programmes.</b> {@code AssistanceGranted} makes (programme, person) active unless a later
 *       {@code AssistanceEnded} of it is known; {@code AssistanceEnded} moves it to the history. Only the latest
 *       economic check is kept.
 *   <li><b>Idempotence.</b> The platform event ids of the last {@value #APPLIED_EVENTS_KEPT} events are kept; an event
 *       among them returns the portrait unchanged (the same instance).
 *   <li><b>Retention</b> ({@link Retention}, by default {@link Retention#DEFAULT}). Facts that happened more than
 *       their kind's max age (default {@link #RETENTION}) before the latest event are dropped, and each kind keeps its
 *       newest max count (default {@value #FACTS_KEPT_PER_KIND}), so a portrait is bounded by design. Long-lived facts
 *       stay whatever their age (but not beyond their count): members and registration,
 *       disabilities, certified illnesses, ongoing programmes and the latest economic check.
 * </ul>
 *
 * <p>An event whose subject is another household's number is a routing error and raises
 * {@link IllegalArgumentException}, as does a fact type this version does not know.
 */
public final class Portraits {

    /** How long facts are kept, counted back from the latest event applied: three years. */
    public static final Duration RETENTION = Duration.ofDays(3 * 365);

    /** How many applied platform event ids a portrait remembers. */
    public static final int APPLIED_EVENTS_KEPT = 256;

    /** How many facts of one kind (hospital admissions, expenses...) a portrait keeps at most, the newest. */
    public static final int FACTS_KEPT_PER_KIND = 64;

    /** Days (the end of a programme's period) are read in the platform's time zone. */
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static final Set<String> HOUSEHOLD_FACTS = Set.of(
            "HouseholdRegistered",
            "HouseholdChanged",
            "MemberJoined",
            "MemberLeft",
            "EconomicCheckDone",
            "DangerousHousingReported",
            "RentArrearsReported",
            "DisasterAffected",
            "UtilityArrearsReported");

    private Portraits() {}

    /**
     * Which household a person belongs to after a membership event (成员关系变化), for routing person events.
     *
     * @param person the pseudonym value
     * @param household the household number, or null when the person left the household the event is about (the
     *     event's subject); a router should drop the person's mapping only if it still points to that household
     */
    public record MembershipChange(String person, @Nullable String household) {}

    /**
     * True for the facts whose subject must be the household number (户): the membership facts, the economic check,
     * dangerous housing, rent and utility arrears and disasters. Programme facts, visits and tips may name either; the
     * others name a person.
     */
    public static boolean isHouseholdFact(HouseholdEvent event) {
        return HOUSEHOLD_FACTS.contains(Source.eventType(event));
    }

    /**
     * True when the household is one the Changning plan re-screens every quarter: it had an application rejected or
     * left a programme, within the portrait's retention ({@link #RETENTION}).
     */
    public static boolean needsRescreening(Portrait portrait) {
        return !portrait.programmes().rejected().isEmpty()
                || !portrait.programmes().ended().isEmpty();
    }

    /** The portrait of a household nothing is known about yet. */
    public static Portrait empty(String householdNumber) {
        return new Portrait(
                householdNumber,
                null,
                null,
                List.of(),
                Programmes.none(),
                null,
                Health.none(),
                List.of(),
                Employment.none(),
                List.of(),
                Housing.none(),
                List.of(),
                List.of(),
                Education.none(),
                List.of(),
                null,
                List.of());
    }

    /** The portrait after the event, kept as {@link Retention#DEFAULT}; the same portrait when applied before. */
    public static Portrait apply(Portrait portrait, HouseholdEvent event) {
        return apply(portrait, event, Retention.DEFAULT);
    }

    /** The portrait after the event, kept as {@code retention} says; the same portrait when applied before. */
    public static Portrait apply(Portrait portrait, HouseholdEvent event, Retention retention) {
        if (portrait.hasApplied(event.getPlatformEventId())) {
            return portrait;
        }
        @Nullable String person = subjectPerson(portrait, event);
        Source source = Source.of(event);
        Draft draft = new Draft(portrait);
        Object fact = event.getFact();
        if (fact instanceof HouseholdRegistered registered) {
            draft.replaceMembers(registered.getCommunityCode(), registered.getMembers(), source);
        } else if (fact instanceof HouseholdChanged changed) {
            draft.replaceMembers(changed.getCommunityCode(), changed.getMembers(), source);
        } else if (fact instanceof MemberJoined joined) {
            draft.join(joined.getMember(), source);
        } else if (fact instanceof MemberLeft left) {
            draft.leave(left.getPerson().getValue(), source);
        } else if (fact instanceof EconomicCheckDone check) {
            draft.economicCheck(new EconomicCheck(
                    person, check.getMonthlyIncomePerHeadFen(), check.getAssetsAboveLimit(), check.getNote(), source));
        } else if (fact instanceof AssistanceGranted granted) {
            draft.granted(new Programmes.Active(
                    person,
                    granted.getProgramme(),
                    granted.getMonthlyAmountFen(),
                    granted.getOneOffAmountFen(),
                    granted.getStartDate(),
                    granted.getEndDate(),
                    granted.getReason(),
                    source));
        } else if (fact instanceof AssistanceEnded ended) {
            draft.ended(new Programmes.Ended(
                    person, ended.getProgramme(), ended.getEndDate(), ended.getReason(), ended.getNote(), source));
        } else if (fact instanceof AssistanceApplicationRejected rejected) {
            Draft.add(
                    draft.rejected,
                    new Programmes.Rejected(
                            person, rejected.getProgramme(), rejected.getReason(), rejected.getNote(), source));
        } else if (fact instanceof HospitalAdmitted admitted) {
            Draft.add(
                    draft.admissions,
                    new Health.Admission(person, admitted.getHospital(), admitted.getEmergency(), source));
        } else if (fact instanceof HospitalDischarged discharged) {
            Draft.add(
                    draft.discharges,
                    new Health.Discharge(person, discharged.getHospital(), discharged.getLengthOfStayDays(), source));
        } else if (fact instanceof MedicalExpenseSettled expense) {
            Draft.add(
                    draft.expenses,
                    new Health.Expense(
                            person, expense.getSetting(), expense.getTotalFen(), expense.getOutOfPocketFen(), source));
        } else if (fact instanceof IllnessCertified illness) {
            Draft.add(draft.illnesses, new Health.Illness(person, illness.getCategory(), source));
        } else if (fact instanceof InsuranceLapsed lapsed) {
            Draft.add(draft.insuranceLapses, new Health.InsuranceLapse(person, lapsed.getScheme(), source));
        } else if (fact instanceof EmploymentEnded jobEnded) {
            Draft.add(draft.jobsEnded, new Employment.JobEnded(person, jobEnded.getReason(), source));
        } else if (fact instanceof UnemploymentRegistered unemployed) {
            Draft.add(
                    draft.unemployment,
                    new Employment.UnemploymentRegistration(
                            person, unemployed.getReceivesUnemploymentInsurance(), source));
        } else if (fact instanceof EmploymentStarted jobStarted) {
            Draft.add(draft.jobsStarted, new Employment.JobStarted(person, jobStarted.getMonthlyWageFen(), source));
        } else if (fact instanceof PensionStarted pension) {
            Draft.add(
                    draft.pensions,
                    new Employment.PensionStart(person, pension.getScheme(), pension.getMonthlyAmountFen(), source));
        } else if (fact instanceof ContributionsStopped stopped) {
            Draft.add(
                    draft.contributionsStopped,
                    new Employment.ContributionsStop(
                            person, stopped.getInsurance(), stopped.getLastPaidMonth(), source));
        } else if (fact instanceof StudentEnrolled enrolled) {
            Draft.add(
                    draft.enrolments,
                    new Education.Enrolment(person, enrolled.getLevel(), enrolled.getSchool(), source));
        } else if (fact instanceof SchoolAidRequested requested) {
            Draft.add(
                    draft.aidRequested,
                    new Education.AidRequest(person, requested.getLevel(), requested.getNote(), source));
        } else if (fact instanceof SchoolAidGranted aid) {
            Draft.add(
                    draft.aidGranted, new Education.AidGrant(person, aid.getLevel(), aid.getAnnualAmountFen(), source));
        } else if (fact instanceof DropOutRiskReported risk) {
            Draft.add(
                    draft.dropOutRisks,
                    new Education.DropOutRisk(person, risk.getKind(), risk.getAbsentDays(), source));
        } else if (fact instanceof DisabilityCertified disability) {
            Draft.add(draft.disabilities, new Disability(person, disability.getGrade(), disability.getType(), source));
        } else if (fact instanceof ReleasedFromCustody release) {
            Draft.add(draft.releases, new Release(person, release.getReleaseDate(), release.getKind(), source));
        } else if (fact instanceof DangerousHousingReported housing) {
            Draft.add(draft.dangerousHousing, new Housing.DangerousHousing(person, housing.getGrade(), source));
        } else if (fact instanceof RentArrearsReported rent) {
            Draft.add(
                    draft.rentArrears,
                    new Housing.RentArrears(person, rent.getMonthsUnpaid(), rent.getAmountFen(), source));
        } else if (fact instanceof DisasterAffected disaster) {
            Draft.add(
                    draft.disasters,
                    new Disaster(
                            person, disaster.getDisaster(), disaster.getSeverity(), disaster.getLossFen(), source));
        } else if (fact instanceof UtilityArrearsReported utility) {
            Draft.add(
                    draft.utilityArrears,
                    new UtilityArrears(
                            person, utility.getUtility(), utility.getMonthsUnpaid(), utility.getAmountFen(), source));
        } else if (fact instanceof VisitRecorded visit) {
            Draft.add(
                    draft.findings,
                    new Finding(
                            person,
                            visit.getReporterRole(),
                            visit.getReporterId(),
                            visit.getNeeds(),
                            visit.getUrgency(),
                            visit.getNote(),
                            source));
        } else if (fact instanceof TipReported tip) {
            Draft.add(
                    draft.findings,
                    new Finding(
                            person,
                            tip.getReporterRole(),
                            tip.getReporterId(),
                            tip.getNeeds(),
                            tip.getUrgency(),
                            tip.getNote(),
                            source));
        } else {
            throw new IllegalArgumentException(
                    "event " + event.getPlatformEventId() + " has a fact of unknown type " + Source.eventType(event));
        }
        draft.recordApplied(event.getPlatformEventId(), event.getOccurredAt(), retention.appliedEventsKept());
        draft.prune(retention);
        return draft.build();
    }

    /**
     * Which persons belong to which household according to the event alone: every member of a
     * {@code HouseholdRegistered} or {@code HouseholdChanged} with its household, the person of a {@code MemberJoined}
     * with it, the person of a {@code MemberLeft} with null; empty for any other fact. The event alone cannot tell who
     * a {@code HouseholdChanged} removed: use {@link #membershipChanges(Portrait, HouseholdEvent)} with the portrait
     * before the event for that.
     */
    public static List<MembershipChange> membershipChanges(HouseholdEvent event) {
        Object fact = event.getFact();
        if (fact instanceof HouseholdRegistered registered) {
            return joining(householdOf(event), registered.getMembers());
        } else if (fact instanceof HouseholdChanged changed) {
            return joining(householdOf(event), changed.getMembers());
        } else if (fact instanceof MemberJoined joined) {
            return List.of(new MembershipChange(joined.getMember().getPerson().getValue(), householdOf(event)));
        } else if (fact instanceof MemberLeft left) {
            householdOf(event);
            return List.of(new MembershipChange(left.getPerson().getValue(), null));
        }
        return List.of();
    }

    /**
     * The membership changes the event makes to the portrait it is applied to (the portrait before it): as
     * {@link #membershipChanges(HouseholdEvent)}, plus every member a {@code HouseholdRegistered} or
     * {@code HouseholdChanged} no longer lists, with a null household. Empty when the portrait ignores the event: applied
     * before, or a membership event older than the current registration.
     */
    public static List<MembershipChange> membershipChanges(Portrait before, HouseholdEvent event) {
        if (!Fact.membershipEventTypes().contains(Source.eventType(event))
                || before.hasApplied(event.getPlatformEventId())
                || Draft.isStale(before.registration(), event.getOccurredAt())) {
            return List.of();
        }
        List<MembershipChange> changes = new ArrayList<>(membershipChanges(event));
        Object fact = event.getFact();
        if (fact instanceof HouseholdRegistered || fact instanceof HouseholdChanged) {
            Set<String> listed = changes.stream().map(MembershipChange::person).collect(Collectors.toSet());
            before.members().stream()
                    .map(HouseholdMember::person)
                    .filter(person -> !listed.contains(person))
                    .forEach(person -> changes.add(new MembershipChange(person, null)));
        }
        return List.copyOf(changes);
    }

    private static List<MembershipChange> joining(String household, List<Member> members) {
        Map<String, MembershipChange> changes = new LinkedHashMap<>();
        for (Member member : members) {
            String person = member.getPerson().getValue();
            changes.put(person, new MembershipChange(person, household));
        }
        return List.copyOf(changes.values());
    }

    private static String householdOf(HouseholdEvent event) {
        if (event.getSubject() instanceof HouseholdNumber household) {
            return household.getValue();
        }
        throw new IllegalArgumentException("membership event " + event.getPlatformEventId() + " ("
                + Source.eventType(event) + ") must have the household number as its subject");
    }

    private static @Nullable String subjectPerson(Portrait portrait, HouseholdEvent event) {
        Object subject = event.getSubject();
        if (subject instanceof PersonPseudonym person) {
            if (Fact.membershipEventTypes().contains(Source.eventType(event))) {
                householdOf(event);
            }
            return person.getValue();
        }
        if (subject instanceof HouseholdNumber household
                && !household.getValue().equals(portrait.householdNumber())) {
            throw new IllegalArgumentException("event " + event.getPlatformEventId() + " is about household "
                    + household.getValue() + ", not " + portrait.householdNumber());
        }
        return null;
    }

    /** A mutable copy of a portrait, changed by one event and turned back into a portrait. */
    private static final class Draft {

        private final String householdNumber;
        private @Nullable String communityCode;
        private @Nullable Source registration;
        private List<HouseholdMember> members;
        private final List<Programmes.Active> active;
        private final List<Programmes.Ended> ended;
        private final List<Programmes.Rejected> rejected;
        private @Nullable EconomicCheck economicCheck;
        private final List<Health.Admission> admissions;
        private final List<Health.Discharge> discharges;
        private final List<Health.Expense> expenses;
        private final List<Health.Illness> illnesses;
        private final List<Health.InsuranceLapse> insuranceLapses;
        private final List<Disability> disabilities;
        private final List<Employment.JobEnded> jobsEnded;
        private final List<Employment.JobStarted> jobsStarted;
        private final List<Employment.UnemploymentRegistration> unemployment;
        private final List<Employment.PensionStart> pensions;
        private final List<Employment.ContributionsStop> contributionsStopped;
        private final List<Release> releases;
        private final List<Housing.DangerousHousing> dangerousHousing;
        private final List<Housing.RentArrears> rentArrears;
        private final List<Disaster> disasters;
        private final List<UtilityArrears> utilityArrears;
        private final List<Education.Enrolment> enrolments;
        private final List<Education.AidRequest> aidRequested;
        private final List<Education.AidGrant> aidGranted;
        private final List<Education.DropOutRisk> dropOutRisks;
        private final List<Finding> findings;
        private @Nullable Instant lastEventAt;
        private final List<String> appliedEventIds;

        Draft(Portrait portrait) {
            householdNumber = portrait.householdNumber();
            communityCode = portrait.communityCode();
            registration = portrait.registration();
            members = new ArrayList<>(portrait.members());
            active = new ArrayList<>(portrait.programmes().active());
            ended = new ArrayList<>(portrait.programmes().ended());
            rejected = new ArrayList<>(portrait.programmes().rejected());
            economicCheck = portrait.economicCheck();
            admissions = new ArrayList<>(portrait.health().admissions());
            discharges = new ArrayList<>(portrait.health().discharges());
            expenses = new ArrayList<>(portrait.health().expenses());
            illnesses = new ArrayList<>(portrait.health().illnesses());
            insuranceLapses = new ArrayList<>(portrait.health().insuranceLapses());
            disabilities = new ArrayList<>(portrait.disabilities());
            jobsEnded = new ArrayList<>(portrait.employment().ended());
            jobsStarted = new ArrayList<>(portrait.employment().started());
            unemployment = new ArrayList<>(portrait.employment().unemployment());
            pensions = new ArrayList<>(portrait.employment().pensions());
            contributionsStopped = new ArrayList<>(portrait.employment().contributionsStopped());
            releases = new ArrayList<>(portrait.releases());
            dangerousHousing = new ArrayList<>(portrait.housing().dangerous());
            rentArrears = new ArrayList<>(portrait.housing().rentArrears());
            disasters = new ArrayList<>(portrait.disasters());
            utilityArrears = new ArrayList<>(portrait.utilityArrears());
            enrolments = new ArrayList<>(portrait.education().enrolments());
            aidRequested = new ArrayList<>(portrait.education().aidRequested());
            aidGranted = new ArrayList<>(portrait.education().aidGranted());
            dropOutRisks = new ArrayList<>(portrait.education().dropOutRisks());
            findings = new ArrayList<>(portrait.findings());
            lastEventAt = portrait.lastEventAt();
            appliedEventIds = new ArrayList<>(portrait.appliedEventIds());
        }

        static boolean isStale(@Nullable Source registration, Instant occurredAt) {
            return registration != null && occurredAt.isBefore(registration.occurredAt());
        }

        static <T extends Fact> void add(List<T> facts, T fact) {
            int at = facts.size();
            while (at > 0 && Fact.CHRONOLOGICAL.compare(facts.get(at - 1), fact) > 0) {
                at--;
            }
            facts.add(at, fact);
        }

        void replaceMembers(String community, List<Member> listed, Source source) {
            if (isStale(registration, source.occurredAt())) {
                return;
            }
            Map<String, HouseholdMember> next = new LinkedHashMap<>();
            for (Member member : listed) {
                HouseholdMember merged = merged(member, source);
                next.put(merged.person(), merged);
            }
            for (HouseholdMember member : members) {
                if (!next.containsKey(member.person())) {
                    removeFactsOf(member.person());
                }
            }
            members = new ArrayList<>(next.values());
            communityCode = community;
            registration = source;
        }

        void join(Member member, Source source) {
            if (isStale(registration, source.occurredAt())) {
                return;
            }
            HouseholdMember merged = merged(member, source);
            for (int i = 0; i < members.size(); i++) {
                if (members.get(i).person().equals(merged.person())) {
                    members.set(i, merged);
                    return;
                }
            }
            members.add(merged);
        }

        void leave(String person, Source source) {
            if (isStale(registration, source.occurredAt())) {
                return;
            }
            if (members.removeIf(member -> member.person().equals(person))) {
                removeFactsOf(person);
            }
        }

        private HouseholdMember merged(Member member, Source source) {
            HouseholdMember stated = new HouseholdMember(
                    member.getPerson().getValue(),
                    member.getRelationToHead(),
                    member.getBirthDate(),
                    member.getSex(),
                    source.occurredAt(),
                    source);
            for (HouseholdMember known : members) {
                if (known.person().equals(stated.person())) {
                    return known.sameDetails(stated)
                            ? known
                            : new HouseholdMember(
                                    stated.person(),
                                    stated.relationToHead(),
                                    stated.birthDate(),
                                    stated.sex(),
                                    known.since(),
                                    source);
                }
            }
            return stated;
        }

        void economicCheck(EconomicCheck check) {
            if (economicCheck == null || Fact.CHRONOLOGICAL.compare(check, economicCheck) >= 0) {
                economicCheck = check;
            }
        }

        void granted(Programmes.Active grant) {
            boolean endedSince = ended.stream()
                    .anyMatch(end -> sameProgramme(end.programme(), end.person(), grant)
                            && Fact.CHRONOLOGICAL.compare(end, grant) > 0);
            if (endedSince) {
                return;
            }
            for (int i = 0; i < active.size(); i++) {
                Programmes.Active current = active.get(i);
                if (sameProgramme(current.programme(), current.person(), grant)) {
                    if (Fact.CHRONOLOGICAL.compare(grant, current) >= 0) {
                        active.set(i, grant);
                    }
                    return;
                }
            }
            add(active, grant);
        }

        void ended(Programmes.Ended end) {
            add(ended, end);
            active.removeIf(current -> sameProgramme(end.programme(), end.person(), current)
                    && Fact.CHRONOLOGICAL.compare(current, end) <= 0);
        }

        private static boolean sameProgramme(Programme programme, @Nullable String person, Programmes.Active grant) {
            return grant.programme() == programme && Objects.equals(grant.person(), person);
        }

        private void removeFactsOf(String person) {
            Predicate<Fact> about = fact -> person.equals(fact.person());
            for (List<? extends Fact> facts : factLists()) {
                facts.removeIf(about);
            }
            if (economicCheck != null && about.test(economicCheck)) {
                economicCheck = null;
            }
        }

        private List<List<? extends Fact>> factLists() {
            return List.of(
                    active,
                    ended,
                    rejected,
                    admissions,
                    discharges,
                    expenses,
                    illnesses,
                    insuranceLapses,
                    disabilities,
                    jobsEnded,
                    jobsStarted,
                    unemployment,
                    pensions,
                    contributionsStopped,
                    releases,
                    dangerousHousing,
                    rentArrears,
                    disasters,
                    utilityArrears,
                    enrolments,
                    aidRequested,
                    aidGranted,
                    dropOutRisks,
                    findings);
        }

        void recordApplied(String platformEventId, Instant occurredAt, int kept) {
            appliedEventIds.add(platformEventId);
            if (appliedEventIds.size() > kept) {
                appliedEventIds.subList(0, appliedEventIds.size() - kept).clear();
            }
            if (lastEventAt == null || occurredAt.isAfter(lastEventAt)) {
                lastEventAt = occurredAt;
            }
        }

        void prune(Retention retention) {
            if (lastEventAt == null) {
                return;
            }
            Instant latest = lastEventAt;
            Instant cutoff = latest.minus(RETENTION);
            LocalDate cutoffDay = LocalDate.ofInstant(cutoff, ZONE);
            Predicate<Fact> old = fact -> fact.source().occurredAt().isBefore(cutoff);
            Predicate<Fact> beyondItsAge = fact -> fact.source()
                    .occurredAt()
                    .isBefore(
                            latest.minus(retention.of(fact.source().eventType()).maxAge()));
            for (List<? extends Fact> facts : factLists()) {
                if (facts == illnesses || facts == disabilities || facts == active) {
                    continue;
                }
                facts.removeIf(beyondItsAge);
            }
            // A one-off grant, or a grant whose fixed period ended, is history rather than a programme the household is
            // in.
            active.removeIf(grant -> (grant.endDate() != null && grant.endDate().isBefore(cutoffDay))
                    || (grant.monthlyAmountFen() == null && grant.oneOffAmountFen() != null && old.test(grant)));
            for (List<? extends Fact> facts : factLists()) {
                keepNewest(facts, retention);
            }
        }

        /** Drops the oldest facts of each kind beyond its count (a list holds one kind, findings two). */
        private static void keepNewest(List<? extends Fact> facts, Retention retention) {
            if (facts.size() <= Math.min(retention.otherwise().maxCount(), smallestCount(retention))) {
                return;
            }
            Map<String, Integer> seen = new java.util.HashMap<>();
            java.util.BitSet drop = new java.util.BitSet(facts.size());
            for (int i = facts.size() - 1; i >= 0; i--) {
                String kind = facts.get(i).source().eventType();
                int count = seen.merge(kind, 1, Integer::sum);
                if (count > retention.of(kind).maxCount()) {
                    drop.set(i);
                }
            }
            if (!drop.isEmpty()) {
                int[] at = {0};
                facts.removeIf(fact -> drop.get(at[0]++));
            }
        }

        private static int smallestCount(Retention retention) {
            int smallest = Integer.MAX_VALUE;
            for (Retention.Rule rule : retention.kinds().values()) {
                smallest = Math.min(smallest, rule.maxCount());
            }
            return smallest;
        }

        Portrait build() {
            return new Portrait(
                    householdNumber,
                    communityCode,
                    registration,
                    members,
                    new Programmes(active, ended, rejected),
                    economicCheck,
                    new Health(admissions, discharges, expenses, illnesses, insuranceLapses),
                    disabilities,
                    new Employment(jobsEnded, jobsStarted, unemployment, pensions, contributionsStopped),
                    releases,
                    new Housing(dangerousHousing, rentArrears),
                    disasters,
                    utilityArrears,
                    new Education(enrolments, aidRequested, aidGranted, dropOutRisks),
                    findings,
                    lastEventAt,
                    appliedEventIds);
        }
    }
}
