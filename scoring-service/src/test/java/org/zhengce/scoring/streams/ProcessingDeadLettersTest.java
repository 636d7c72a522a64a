package org.zhengce.scoring.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zhengce.scoring.portrait.Events.aboutHousehold;
import static org.zhengce.scoring.portrait.Events.aboutPerson;
import static org.zhengce.scoring.portrait.Events.economicCheck;
import static org.zhengce.scoring.portrait.Events.expense;
import static org.zhengce.scoring.portrait.Events.member;
import static org.zhengce.scoring.portrait.Events.registered;
import static org.zhengce.scoring.portrait.Events.rentArrears;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.errors.internals.FailedProcessingException;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.support.KafkaHeaders;
import org.zhengce.events.Department;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.HouseholdScoreChanged;
import org.zhengce.events.RelationToHead;
import org.zhengce.events.Sex;
import org.zhengce.scoring.model.ScoringModel;

/**
 * The processing dead-letter lane in the {@link org.apache.kafka.streams.TopologyTestDriver}: a record a processor
 * fails on goes to {@code household.events.processing.dlq} with the reason in headers, and the stream goes on.
 */
class ProcessingDeadLettersTest {

    /** An event's amount in fen so large that {@link #overflowingModel()} cannot multiply it by its points. */
    static final long ABSURD_FEN = 10_000_000_000_000_000L;

    @TempDir
    Path stateDir;

    private TopologyHarness topology;

    /**
     * The default model with two rules that count points per fen (1,000 points a fen): its arithmetic overflows on an
     * absurd amount, so it throws on a household with an absurd rent arrear or out-of-pocket bill.
     */
    static ScoringModel overflowingModel() {
        String yaml = ScoringModel.defaultModel()
                .yaml()
                .replace("version: wuchang-2026.1", "version: overflowing-1")
                .replace(
                        "per: {field: monthsUnpaid, unit: 1}    # per month unpaid\n    points: 2",
                        "per: {field: amountFen, unit: 1}\n    points: 1000")
                .replace(
                        "per: {field: outOfPocketFen, unit: 100000, summed: true}   # per 100,000 fen (1,000 yuan)"
                                + " of the year's sum\n    points: 1",
                        "per: {field: outOfPocketFen, unit: 1, summed: true}\n    points: 1000");
        ScoringModel model = ScoringModel.fromYaml(yaml);
        assertThat(model.yaml()).contains("points: 1000\n    cap: 10").contains("points: 1000\n    cap: 15");
        return model;
    }

    @BeforeEach
    void start() {
        topology = new TopologyHarness(stateDir, overflowingModel());
    }

    @AfterEach
    void stop() {
        topology.close();
    }

    private Instant daysAgo(int days) {
        return topology.now().minus(Duration.ofDays(days));
    }

    private void register(String household, String head, String child) {
        topology.send(aboutHousehold(household)
                .at(daysAgo(30))
                .fact(registered(
                        member(head, RelationToHead.HEAD, "1985-03-01", Sex.FEMALE),
                        member(child, RelationToHead.CHILD, "2016-05-01", Sex.MALE))));
    }

    @Test
    void aRecordTheModelFailsOnGoesToTheProcessingLaneAndTheNextRecordIsScored() {
        register("hh-absurd", "p-absurd", "p-absurd-child"); // household.events offset 0
        topology.scoreChanges();
        HouseholdEvent absurd = aboutHousehold("hh-absurd")
                .by(Department.HOUSING)
                .at(daysAgo(2))
                .id("rent-absurd")
                .fact(rentArrears(3, ABSURD_FEN)); // offset 1

        topology.send(absurd);
        register("hh-next", "p-next", "p-next-child"); // offset 2

        List<TestRecord<String, byte[]>> dead = topology.processingDeadLetters.readRecordsToList();
        assertThat(dead).singleElement().satisfies(letter -> {
            assertThat(letter.key()).isEqualTo("hh-absurd");
            assertThat(topology.event(letter.value())).isEqualTo(absurd);
            Headers headers = letter.headers();
            assertThat(text(headers, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo("household.events");
            assertThat(ByteBuffer.wrap(bytes(headers, KafkaHeaders.DLT_ORIGINAL_PARTITION))
                            .getInt())
                    .isZero();
            assertThat(ByteBuffer.wrap(bytes(headers, KafkaHeaders.DLT_ORIGINAL_OFFSET))
                            .getLong())
                    .isEqualTo(1L);
            assertThat(text(headers, KafkaHeaders.DLT_EXCEPTION_FQCN)).isEqualTo(ArithmeticException.class.getName());
            assertThat(text(headers, KafkaHeaders.DLT_EXCEPTION_MESSAGE))
                    .contains("model overflowing-1 failed on household hh-absurd");
            assertThat(text(headers, DeadLetterHeaders.REASON)).isEqualTo("model");
            assertThat(text(headers, DeadLetterHeaders.PROCESSOR)).isEqualTo("score-households");
        });
        assertThat(topology.processingFailures).containsExactly("model");
        assertThat(topology.scoreChanges())
                .extracting(score -> score.getHousehold().getValue())
                .containsExactly("hh-next");
    }

    @Test
    void theHouseholdOfAFailedRecordIsScoredOnItsNextEventsWithoutTheFailedFact() {
        register("hh-absurd", "p-absurd", "p-absurd-child");
        HouseholdScoreChanged before =
                (HouseholdScoreChanged) topology.scores.readValuesToList().get(0);
        topology.send(aboutHousehold("hh-absurd").at(daysAgo(2)).fact(rentArrears(3, ABSURD_FEN)));

        topology.send(aboutHousehold("hh-absurd").at(daysAgo(1)).fact(rentArrears(4, 20_000)));

        assertThat(topology.processingDeadLetters.readRecordsToList()).hasSize(1);
        List<HouseholdScoreChanged> after = topology.scoreChanges();
        assertThat(after).singleElement().satisfies(score -> {
            assertThat(score.getPreviousTotal()).isEqualTo(before.getTotal());
            assertThat(score.getTotal()).isGreaterThan(before.getTotal());
        });
        assertThat(topology.<HouseholdRecord>store(Stores.PORTRAITS)
                        .get("hh-absurd")
                        .portrait()
                        .housing()
                        .rentArrears())
                .singleElement()
                .satisfies(arrears -> assertThat(arrears.amountFen()).isEqualTo(20_000L));
    }

    @Test
    void aPersonsFactTheModelFailsOnIsDeadLetteredFromTheRepartitionTopicItWasReadFrom() {
        register("hh-bill", "p-bill", "p-bill-child");
        HouseholdEvent bill = aboutPerson("p-bill")
                .by(Department.MEDICAL_INSURANCE)
                .at(daysAgo(2))
                .id("bill-absurd")
                .fact(expense(ABSURD_FEN, ABSURD_FEN));

        topology.send(bill);
        topology.send(aboutHousehold("hh-bill").at(daysAgo(1)).fact(economicCheck(80_000, false)));

        assertThat(topology.processingDeadLetters.readRecordsToList())
                .singleElement()
                .satisfies(letter -> {
                    assertThat(letter.key()).isEqualTo("hh-bill");
                    assertThat(topology.event(letter.value())).isEqualTo(bill);
                    assertThat(text(letter.headers(), KafkaHeaders.DLT_ORIGINAL_TOPIC))
                            .endsWith("by-household-repartition");
                    assertThat(text(letter.headers(), DeadLetterHeaders.REASON)).isEqualTo("model");
                });
        assertThat(topology.scoreChanges())
                .extracting(score -> score.getHousehold().getValue())
                .contains("hh-bill");
    }

    @Test
    void onlyTheRecordsOwnFaultIsDeadLetteredNotKafkaStreamsOwn() {
        IllegalArgumentException applicationFault = new IllegalArgumentException("no such fact");
        assertThat(ProcessingDeadLetterGate.recordFault(
                        new FailedProcessingException("score-households", applicationFault)))
                .isSameAs(applicationFault);
        assertThat(ProcessingDeadLetterGate.recordFault(applicationFault)).isSameAs(applicationFault);
        assertThat(ProcessingDeadLetterGate.recordFault(new FailedProcessingException(
                        "score-households", new ProcessorStateException("RocksDB is closed"))))
                .isNull();
        assertThat(ProcessingDeadLetterGate.recordFault(new ProcessorStateException("RocksDB is closed")))
                .isNull();
    }

    @Test
    void theMessageInTheHeadersHasItsIdentityNumbersMasked() {
        String masked = ProcessingDeadLetterGate.masked("person 11010519491231002X is not in household hh-1");

        assertThat(masked).doesNotContain("11010519491231002X").contains("hh-1");
        assertThat(ProcessingDeadLetterGate.masked("x".repeat(5_000))).hasSizeLessThan(2_100);
    }

    private static byte[] bytes(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        assertThat(header).as(key).isNotNull();
        return header.value();
    }

    private static String text(Headers headers, String key) {
        return new String(bytes(headers, key), StandardCharsets.UTF_8);
    }
}
