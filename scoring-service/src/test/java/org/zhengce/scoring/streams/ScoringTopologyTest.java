package org.zhengce.scoring.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zhengce.scoring.portrait.Events.aboutHousehold;
import static org.zhengce.scoring.portrait.Events.aboutPerson;
import static org.zhengce.scoring.portrait.Events.disability;
import static org.zhengce.scoring.portrait.Events.economicCheck;
import static org.zhengce.scoring.portrait.Events.expense;
import static org.zhengce.scoring.portrait.Events.granted;
import static org.zhengce.scoring.portrait.Events.illness;
import static org.zhengce.scoring.portrait.Events.jobEnded;
import static org.zhengce.scoring.portrait.Events.joined;
import static org.zhengce.scoring.portrait.Events.member;
import static org.zhengce.scoring.portrait.Events.registered;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zhengce.events.Department;
import org.zhengce.events.DisabilityType;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.HouseholdScoreChanged;
import org.zhengce.events.HouseholdWarningEvent;
import org.zhengce.events.IllnessCategory;
import org.zhengce.events.ModelFormat;
import org.zhengce.events.ModelRole;
import org.zhengce.events.Programme;
import org.zhengce.events.RelationToHead;
import org.zhengce.events.ScoringModelPublished;
import org.zhengce.events.Sex;
import org.zhengce.events.WarningCategory;
import org.zhengce.events.WarningClearReason;
import org.zhengce.events.WarningCleared;
import org.zhengce.events.WarningEscalated;
import org.zhengce.events.WarningLevel;
import org.zhengce.events.WarningRaised;
import org.zhengce.events.WarningReason;
import org.zhengce.kit.tracing.TraceParent;
import org.zhengce.scoring.model.ScoringModel;

/** The topology's behaviour, case by case, in a TopologyTestDriver with wall-clock time under the test's control. */
class ScoringTopologyTest {

    private static final String COMMUNITY = "110105001001";

    @TempDir
    Path stateDir;

    private TopologyHarness topology;

    @BeforeEach
    void start() {
        topology = new TopologyHarness(stateDir);
    }

    @AfterEach
    void stop() {
        topology.close();
    }

    private Instant daysAgo(int days) {
        return topology.now().minus(Duration.ofDays(days));
    }

    /** A household of an elderly head (born 1950) and a spouse (born 1952), registered 30 days ago. */
    private void registerElderlyCouple(String household, String head, String spouse) {
        topology.send(aboutHousehold(household)
                .community(COMMUNITY)
                .at(daysAgo(30))
                .fact(registered(
                        member(head, RelationToHead.HEAD, "1950-03-01", Sex.MALE),
                        member(spouse, RelationToHead.SPOUSE, "1952-05-01", Sex.FEMALE))));
    }

    private void registerParentAndChild(String household, String parent, String child) {
        topology.send(aboutHousehold(household)
                .community(COMMUNITY)
                .at(daysAgo(30))
                .fact(registered(
                        member(parent, RelationToHead.HEAD, "1985-03-01", Sex.FEMALE),
                        member(child, RelationToHead.CHILD, "2016-05-01", Sex.MALE))));
    }

    @Test
    void dibaoHouseholdWithALargeHospitalBillIsWarnedAssistanceInsufficientWithTheBillAsReason() {
        registerElderlyCouple("hh-insufficient", "p-head-1", "p-spouse-1");
        topology.send(
                aboutHousehold("hh-insufficient").at(daysAgo(20)).fact(granted(Programme.DIBAO, 60000, "2026-11-05")));
        topology.send(aboutHousehold("hh-insufficient").at(daysAgo(20)).fact(economicCheck(80000, false)));
        assertThat(topology.warningEvents()).isEmpty();

        HouseholdEvent bill = aboutPerson("p-head-1")
                .by(Department.MEDICAL_INSURANCE)
                .at(daysAgo(2))
                .id("bill-1")
                .fact(expense(4_000_000, 3_000_000));
        topology.send(bill);

        List<HouseholdWarningEvent> warnings = topology.warningEvents();
        assertThat(warnings).hasSize(1);
        HouseholdWarningEvent warning = warnings.get(0);
        assertThat(warning.getHousehold().getValue()).isEqualTo("hh-insufficient");
        assertThat(warning.getModelVersion()).isEqualTo("wuchang-2026.1");
        WarningRaised raised = (WarningRaised) warning.getFact();
        assertThat(raised.getCategory()).isEqualTo(WarningCategory.ASSISTANCE_INSUFFICIENT);
        assertThat(raised.getLevel()).isNotEqualTo(WarningLevel.UNKNOWN);
        assertThat(raised.getTotal()).isGreaterThanOrEqualTo(raised.getThreshold());
        assertThat(raised.getReasons())
                .filteredOn(reason -> reason.getDepartment() == Department.MEDICAL_INSURANCE)
                .isNotEmpty()
                .allSatisfy(reason -> {
                    assertThat(reason.getEventId()).isEqualTo("bill-1");
                    assertThat(reason.getEventType()).isEqualTo("MedicalExpenseSettled");
                    assertThat(reason.getDimension()).isEqualTo(org.zhengce.events.Dimension.HEALTH);
                    assertThat(reason.getPoints()).isPositive();
                });
        int reasonPoints =
                raised.getReasons().stream().mapToInt(WarningReason::getPoints).sum();
        assertThat(reasonPoints).isEqualTo(raised.getTotal());
    }

    @Test
    void aHouseholdRegisteredByADepartmentAddedToTheDataStandardIsScoredWithItsRegistrationAsAReason() {
        // public security (公安), the department added last (README, "Adding a department"), registers the household
        topology.send(aboutHousehold("hh-public-security")
                .by(Department.PUBLIC_SECURITY)
                .community(COMMUNITY)
                .at(daysAgo(30))
                .id("ps-2026-000001")
                .fact(registered(
                        member("p-head-ps", RelationToHead.HEAD, "1950-03-01", Sex.MALE),
                        member("p-spouse-ps", RelationToHead.SPOUSE, "1952-05-01", Sex.FEMALE))));
        topology.send(aboutHousehold("hh-public-security")
                .at(daysAgo(20))
                .fact(granted(Programme.DIBAO, 60000, "2026-11-05")));
        topology.send(aboutPerson("p-head-ps")
                .by(Department.MEDICAL_INSURANCE)
                .at(daysAgo(2))
                .fact(expense(4_000_000, 3_000_000)));

        assertThat(topology.scoreChanges())
                .anySatisfy(score -> assertThat(score.getHousehold().getValue()).isEqualTo("hh-public-security"));
        List<HouseholdWarningEvent> warnings = topology.warningEvents();
        assertThat(warnings).hasSize(1);
        assertThat(((WarningRaised) warnings.get(0).getFact()).getReasons())
                .filteredOn(reason -> reason.getDepartment() == Department.PUBLIC_SECURITY)
                .isNotEmpty()
                .allSatisfy(reason -> {
                    assertThat(reason.getEventId()).isEqualTo("ps-2026-000001");
                    assertThat(reason.getEventType()).isEqualTo("HouseholdRegistered");
                    assertThat(reason.getPoints()).isPositive();
                });
    }

    @Test
    void theWarningCarriesTheTraceOfThePersonEventThatCausedItAndNoneOfItsOtherHeaders() {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        registerElderlyCouple("hh-traced", "p-head-t", "p-spouse-t");
        topology.send(aboutHousehold("hh-traced").at(daysAgo(20)).fact(granted(Programme.DIBAO, 60000, "2026-11-05")));
        topology.send(aboutHousehold("hh-traced").at(daysAgo(20)).fact(economicCheck(80000, false)));
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_type", "org.zhengce.events.MedicalExpenseSettled".getBytes(StandardCharsets.UTF_8));
        headers.add(TraceParent.HEADER, traceparent.getBytes(StandardCharsets.US_ASCII));

        // through the person repartition and resolver to the household's scorer
        topology.send(
                aboutPerson("p-head-t")
                        .by(Department.MEDICAL_INSURANCE)
                        .at(daysAgo(2))
                        .id("bill-t")
                        .fact(expense(4_000_000, 3_000_000)),
                headers);

        List<TestRecord<String, SpecificRecord>> warnings = topology.warningRecords();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).headers().toArray()).extracting(Header::key).containsExactly(TraceParent.HEADER);
        assertThat(TraceParent.of(warnings.get(0).headers())).isEqualTo(traceparent);
    }

    @Test
    void aPersonEventHeldUntilItsHouseholdIsKnownKeepsItsTraceWhenReleased() {
        String traceparent = "00-5cf92f3577b34da6a3ce929d0e0e4737-00f067aa0ba902b8-01";
        topology.send(aboutHousehold("hh-held-t")
                .community(COMMUNITY)
                .at(daysAgo(30))
                .fact(registered(member("p-spouse-h", RelationToHead.HEAD, "1952-05-01", Sex.FEMALE))));
        topology.send(aboutHousehold("hh-held-t").at(daysAgo(20)).fact(granted(Programme.DIBAO, 60000, "2026-11-05")));
        topology.send(aboutHousehold("hh-held-t").at(daysAgo(20)).fact(economicCheck(80000, false)));
        RecordHeaders headers = new RecordHeaders();
        headers.add(TraceParent.HEADER, traceparent.getBytes(StandardCharsets.US_ASCII));
        // the bill of a person no household names yet: held
        topology.send(
                aboutPerson("p-head-h")
                        .by(Department.MEDICAL_INSURANCE)
                        .at(daysAgo(2))
                        .id("bill-held")
                        .fact(expense(4_000_000, 3_000_000)),
                headers);
        assertThat(topology.warningRecords()).isEmpty();

        // the person joins: the bill is released to the household, in its own trace
        topology.send(aboutHousehold("hh-held-t")
                .at(daysAgo(1))
                .fact(joined(member("p-head-h", RelationToHead.SPOUSE, "1950-03-01", Sex.MALE))));

        List<TestRecord<String, SpecificRecord>> warnings = topology.warningRecords();
        assertThat(warnings).hasSize(1);
        assertThat(TraceParent.of(warnings.get(0).headers())).isEqualTo(traceparent);
        assertThat(count(topology.<HouseholdEvent>store(Stores.UNRESOLVED))).isZero();
    }

    @Test
    void sameStateIsNotWarnedTwiceAndAHigherLevelEscalates() {
        registerElderlyCouple("hh-escalate", "p-head-2", "p-spouse-2");
        topology.send(
                aboutHousehold("hh-escalate").at(daysAgo(20)).fact(granted(Programme.DIBAO, 60000, "2026-11-05")));
        topology.send(aboutHousehold("hh-escalate").at(daysAgo(20)).fact(economicCheck(80000, false)));
        HouseholdEvent bill = aboutPerson("p-head-2")
                .by(Department.MEDICAL_INSURANCE)
                .at(daysAgo(2))
                .fact(expense(4_000_000, 3_000_000));
        topology.send(bill);
        assertThat(topology.warningEvents()).hasSize(1);

        topology.send(bill);
        topology.send(
                aboutPerson("p-spouse-2").by(Department.HEALTH).at(daysAgo(1)).fact(illness(IllnessCategory.CHRONIC)));
        List<HouseholdWarningEvent> unchanged = topology.warningEvents();
        assertThat(unchanged).allSatisfy(w -> assertThat(w.getFact()).isNotInstanceOf(WarningRaised.class));

        topology.send(aboutPerson("p-spouse-2")
                .by(Department.DISABLED_PERSONS_FEDERATION)
                .at(daysAgo(1))
                .fact(disability(1, DisabilityType.PHYSICAL)));
        topology.send(aboutPerson("p-head-2")
                .by(Department.DISABLED_PERSONS_FEDERATION)
                .at(daysAgo(1))
                .fact(disability(1, DisabilityType.VISUAL)));
        List<HouseholdWarningEvent> later = topology.warningEvents();
        assertThat(later).hasSize(1);
        WarningEscalated escalated = (WarningEscalated) later.get(0).getFact();
        assertThat(escalated.getLevel().ordinal())
                .isGreaterThan(escalated.getPreviousLevel().ordinal());
    }

    @Test
    void householdInDifficultyWithoutAProgrammeIsWarnedAssistanceMissing() {
        registerElderlyCouple("hh-missing", "p-head-3", "p-spouse-3");
        topology.send(aboutHousehold("hh-missing").at(daysAgo(20)).fact(economicCheck(50000, false)));
        topology.send(
                aboutPerson("p-head-3").by(Department.HEALTH).at(daysAgo(10)).fact(illness(IllnessCategory.SERIOUS)));
        topology.send(
                aboutPerson("p-spouse-3").by(Department.HEALTH).at(daysAgo(10)).fact(illness(IllnessCategory.CHRONIC)));

        List<HouseholdWarningEvent> warnings = topology.warningEvents();
        assertThat(warnings).hasSize(1);
        assertThat(((WarningRaised) warnings.get(0).getFact()).getCategory())
                .isEqualTo(WarningCategory.ASSISTANCE_MISSING);
    }

    @Test
    void jobLostWithAChildAndNoProgrammeIsAnEarlyWarning() {
        registerParentAndChild("hh-edge", "p-parent-4", "p-child-4");
        topology.send(aboutPerson("p-parent-4")
                .by(Department.HUMAN_RESOURCES_SOCIAL_SECURITY)
                .at(daysAgo(3))
                .fact(jobEnded()));

        List<HouseholdWarningEvent> warnings = topology.warningEvents();
        assertThat(warnings).hasSize(1);
        WarningRaised raised = (WarningRaised) warnings.get(0).getFact();
        assertThat(raised.getCategory()).isEqualTo(WarningCategory.EARLY_WARNING);
        assertThat(raised.getReasons())
                .anySatisfy(reason -> assertThat(reason.getEventType()).isEqualTo("EmploymentEnded"));
    }

    @Test
    void factsAgeOutOnWallClockTimeAndTheWarningIsClearedWithoutANewEvent() {
        registerParentAndChild("hh-ageing", "p-parent-5", "p-child-5");
        topology.send(aboutPerson("p-parent-5")
                .by(Department.HUMAN_RESOURCES_SOCIAL_SECURITY)
                .at(daysAgo(3))
                .fact(jobEnded()));
        assertThat(topology.warningEvents()).hasSize(1);
        topology.scoreChanges();

        topology.advance(Duration.ofDays(200));

        List<HouseholdWarningEvent> warnings = topology.warningEvents();
        assertThat(warnings).hasSize(1);
        WarningCleared cleared = (WarningCleared) warnings.get(0).getFact();
        assertThat(cleared.getReason()).isEqualTo(WarningClearReason.SCORE_BELOW_LINE);
        assertThat(topology.scoreChanges()).isNotEmpty();
    }

    @Test
    void aWarningWithinTheHysteresisBandIsNotClearedWhenItsFactsAgeOut() {
        // a band as wide as the BLUE line (30): whatever the early warning's total falls to, it stays within it
        topology.close();
        topology = new TopologyHarness(stateDir.resolve("band"), 20_000, 30);
        registerParentAndChild("hh-held", "p-parent-held", "p-child-held");
        topology.send(aboutPerson("p-parent-held")
                .by(Department.HUMAN_RESOURCES_SOCIAL_SECURITY)
                .at(daysAgo(3))
                .fact(jobEnded()));
        HouseholdWarningEvent raised = topology.warningEvents().get(0);
        topology.scoreChanges();

        topology.advance(Duration.ofDays(200));

        assertThat(topology.scoreChanges()).as("the facts aged out: re-scored").isNotEmpty();
        assertThat(topology.warningEvents())
                .as("no warning cleared (nor de-escalated: not published)")
                .isEmpty();
        HouseholdState state =
                topology.<HouseholdRecord>store(Stores.PORTRAITS).get("hh-held").state();
        assertThat(state.warningId()).isEqualTo(raised.getWarningId());
        assertThat(state.warnedSince()).isEqualTo(raised.getOccurredAt());
        assertThat(state.category()).isEqualTo(WarningCategory.EARLY_WARNING);
    }

    @Test
    void aRejectedHouseholdIsReScreenedQuarterlyWithoutANewEvent() {
        registerParentAndChild("hh-rescreen", "p-rescreen", "p-rescreen-child");
        topology.send(aboutHousehold("hh-rescreen")
                .at(daysAgo(1))
                .fact(org.zhengce.scoring.portrait.Events.rejected(
                        Programme.DIBAO, org.zhengce.events.RejectionReason.INCOME_ABOVE_LINE)));
        Instant firstAssessed = topology.<HouseholdRecord>store(Stores.PORTRAITS)
                .get("hh-rescreen")
                .state()
                .assessedAt();

        topology.advance(Duration.ofDays(91));

        Instant reassessed = topology.<HouseholdRecord>store(Stores.PORTRAITS)
                .get("hh-rescreen")
                .state()
                .assessedAt();
        assertThat(reassessed).isAfter(firstAssessed.plus(Duration.ofDays(89)));
    }

    @Test
    void personEventBeforeItsHouseholdIsHeldAndReleasedWhenTheMembershipArrives() {
        HouseholdEvent early = aboutPerson("p-early-6")
                .by(Department.HUMAN_RESOURCES_SOCIAL_SECURITY)
                .at(daysAgo(3))
                .fact(jobEnded());
        topology.send(early);
        assertThat(topology.scoreChanges()).isEmpty();
        assertThat(count(topology.<HouseholdEvent>store(Stores.UNRESOLVED))).isEqualTo(1);
        assertThat(count(topology.<Long>store(Stores.UNRESOLVED_SINCE))).isEqualTo(1);

        registerParentAndChild("hh-late-6", "p-early-6", "p-child-6");

        assertThat(count(topology.<HouseholdEvent>store(Stores.UNRESOLVED))).isZero();
        assertThat(count(topology.<Long>store(Stores.UNRESOLVED_SINCE))).isZero();
        List<HouseholdWarningEvent> warnings = topology.warningEvents();
        assertThat(warnings).hasSize(1);
        assertThat(((WarningRaised) warnings.get(0).getFact()).getReasons())
                .anySatisfy(reason -> assertThat(reason.getEventType()).isEqualTo("EmploymentEnded"));
    }

    @Test
    void aNewActiveModelReScoresEveryHouseholdFromItsStoredPortrait() {
        registerElderlyCouple("hh-switch-a", "p-a", "p-a2");
        registerParentAndChild("hh-switch-b", "p-b", "p-b2");
        topology.advance(TopologyHarness.TICK);
        topology.scoreChanges();

        String yaml = ScoringModel.defaultModel()
                .yaml()
                .replace("version: wuchang-2026.1", "version: wuchang-2026.2")
                .replaceFirst("points: 8 {21}# per member", "points: 12                    # per member")
                .replaceFirst("(id: age.elderly-60[\\s\\S]*?points: )4", "$19");
        topology.models.pipeInput("wuchang-2026.2", published("wuchang-2026.2", yaml, ModelRole.ACTIVE));
        topology.advance(TopologyHarness.TICK);

        List<HouseholdScoreChanged> rescored = rescoredWithinATick(topology.scoreChanges(), 2);
        assertThat(rescored).extracting(s -> s.getHousehold().getValue()).contains("hh-switch-a", "hh-switch-b");
        assertThat(rescored).allSatisfy(s -> assertThat(s.getModelVersion()).isEqualTo("wuchang-2026.2"));
        assertThat(topology.<HouseholdRecord>store(Stores.PORTRAITS)
                        .get("hh-switch-a")
                        .state()
                        .modelVersion())
                .isEqualTo("wuchang-2026.2");
    }

    @Test
    void aReScoreGoesOnSliceBySliceBetweenPollsNotATickPerSlice() {
        topology.close();
        topology = new TopologyHarness(stateDir.resolve("slices"), 1);
        List<String> households = List.of("hh-slice-a", "hh-slice-b", "hh-slice-c", "hh-slice-d");
        for (String household : households) {
            registerElderlyCouple(household, "p-" + household, "p2-" + household);
        }
        topology.advance(TopologyHarness.TICK);
        topology.scoreChanges();

        String yaml = ScoringModel.defaultModel()
                .yaml()
                .replace("version: wuchang-2026.1", "version: wuchang-2026.3")
                .replaceFirst("points: 8 {21}# per member", "points: 12                    # per member");
        topology.models.pipeInput("wuchang-2026.3", published("wuchang-2026.3", yaml, ModelRole.ACTIVE));
        topology.advance(TopologyHarness.TICK);
        List<HouseholdScoreChanged> rescored = new ArrayList<>(topology.scoreChanges());
        assertThat(rescored)
                .as("a slice is one household: not all of them on the tick")
                .hasSizeLessThan(4);

        List<HouseholdScoreChanged> all = rescoredWithinATick(rescored, households.size());

        assertThat(all)
                .as("each household once, a slice at a time, before the next tick")
                .extracting(s -> s.getHousehold().getValue())
                .containsExactlyInAnyOrderElementsOf(households);
        for (String household : households) {
            assertThat(topology.<HouseholdRecord>store(Stores.PORTRAITS)
                            .get(household)
                            .state()
                            .modelVersion())
                    .isEqualTo("wuchang-2026.3");
        }
    }

    /**
     * The score changes of a re-score under way, {@code sofar} and those that come as wall-clock time goes on a slice
     * interval at a time, until there are {@code households} of them; never a whole tick (a slice is bounded in time
     * too, so how many households one takes depends on the machine).
     */
    private List<HouseholdScoreChanged> rescoredWithinATick(List<HouseholdScoreChanged> sofar, int households) {
        List<HouseholdScoreChanged> all = new ArrayList<>(sofar);
        Duration waited = Duration.ZERO;
        while (all.size() < households
                && waited.plus(HouseholdScorer.SLICE_INTERVAL).compareTo(TopologyHarness.TICK) < 0) {
            topology.advance(HouseholdScorer.SLICE_INTERVAL);
            waited = waited.plus(HouseholdScorer.SLICE_INTERVAL);
            all.addAll(topology.scoreChanges());
        }
        return all;
    }

    @Test
    void aTaskStartReScoresNoHouseholdAlreadyScoredUnderTheActiveModel() {
        registerElderlyCouple("hh-start-a", "p-start-a", "p-start-a2");
        registerParentAndChild("hh-start-b", "p-start-b", "p-start-b2");
        Instant assessed = topology.<HouseholdRecord>store(Stores.PORTRAITS)
                .get("hh-start-a")
                .state()
                .assessedAt();
        topology.scoreChanges();

        // the task's first ticks (as after a restart): the active model is the one every household was scored under
        topology.advance(TopologyHarness.TICK);
        topology.advance(TopologyHarness.TICK);

        assertThat(topology.scoreChanges()).isEmpty();
        assertThat(topology.warningEvents()).isEmpty();
        assertThat(topology.<HouseholdRecord>store(Stores.PORTRAITS)
                        .get("hh-start-a")
                        .state()
                        .assessedAt())
                .as("not re-assessed")
                .isEqualTo(assessed);
    }

    @Test
    void shadowModelReportsWhatWouldChangeAndEmitsNothing() {
        registerParentAndChild("hh-shadow", "p-shadow", "p-shadow-child");
        topology.advance(TopologyHarness.TICK);
        topology.scoreChanges();
        topology.warningEvents();

        String yaml = ScoringModel.defaultModel()
                .yaml()
                .replace("version: wuchang-2026.1", "version: wuchang-2026.3-candidate")
                .replace("BLUE: 30", "BLUE: 4");
        topology.models.pipeInput(
                "wuchang-2026.3-candidate", published("wuchang-2026.3-candidate", yaml, ModelRole.SHADOW));
        topology.advance(TopologyHarness.TICK);

        assertThat(topology.warningEvents()).isEmpty();
        assertThat(topology.scoreChanges()).isEmpty();
        ShadowEntry entry = topology.<ShadowEntry>store(Stores.SHADOW).get("hh-shadow");
        assertThat(entry.shadowVersion()).isEqualTo("wuchang-2026.3-candidate");
        assertThat(entry.activeVersion()).isEqualTo("wuchang-2026.1");
        assertThat(entry.change()).isEqualTo("newly-warned");
    }

    @Test
    void unreadableAndUnsoundRecordsGoToTheDeadLettersAndDoNotBlockThePartition() {
        topology.rawEvents.pipeInput(new TestRecord<>("hh-bad", new byte[] {0, 0, 0, 0, 9, 1, 2}, Instant.now()));
        HouseholdEvent wrongKey = aboutPerson("p-somebody").at(daysAgo(1)).fact(jobEnded());
        topology.events.pipeInput(new TestRecord<>("not-the-subject", wrongKey, wrongKey.getOccurredAt()));
        registerParentAndChild("hh-after-bad", "p-after", "p-after-child");

        assertThat(topology.unreadable).hasSize(1);
        List<TestRecord<String, byte[]>> dead = topology.deadLetters.readRecordsToList();
        assertThat(dead).hasSize(1);
        assertThat(new String(
                        dead.get(0)
                                .headers()
                                .lastHeader(HouseholdScorer.DLQ_REASON)
                                .value(),
                        StandardCharsets.UTF_8))
                .contains("is not the event's subject");
        assertThat(topology.scoreChanges())
                .extracting(s -> s.getHousehold().getValue())
                .contains("hh-after-bad");
    }

    private static ScoringModelPublished published(String version, String yaml, ModelRole role) {
        return ScoringModelPublished.newBuilder()
                .setModelVersion(version)
                .setFormat(ModelFormat.YAML)
                .setModel(yaml)
                .setActivatedAt(TopologyHarness.START)
                .setRole(role)
                .build();
    }

    private static long count(org.apache.kafka.streams.state.KeyValueStore<String, ?> store) {
        long n = 0;
        try (var all = store.all()) {
            while (all.hasNext()) {
                all.next();
                n++;
            }
        }
        return n;
    }
}
