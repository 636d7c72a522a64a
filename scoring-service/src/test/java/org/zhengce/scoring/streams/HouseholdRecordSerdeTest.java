package org.zhengce.scoring.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.zhengce.events.Dimension;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.WarningCategory;
import org.zhengce.events.WarningLevel;
import org.zhengce.scoring.portrait.Events;
import org.zhengce.scoring.portrait.Portrait;
import org.zhengce.scoring.portrait.PortraitSerde;
import org.zhengce.scoring.portrait.Portraits;

/**
 * The household record's binary format: the round trip, the version byte, the kept schema, and the JSON portraits of
 * the format before it. Regenerate the kept schema after a deliberate change (with a new {@code VERSION}):
 * {@code ./mvnw -pl scoring-service test -Dtest=HouseholdRecordSerdeTest -Dregenerate=true}.
 */
class HouseholdRecordSerdeTest {

    private final HouseholdRecordSerde serde = new HouseholdRecordSerde();

    static Portrait rich() {
        return Events.portraitOf(Events.everyKindOfFact().toArray(HouseholdEvent[]::new));
    }

    /** The same facts with ids as intake and the departments make them (the test's own ids name types and persons). */
    static Portrait richWithIntakeIds() {
        List<HouseholdEvent> events = Events.everyKindOfFact();
        HouseholdEvent[] reIded = new HouseholdEvent[events.size()];
        for (int i = 0; i < events.size(); i++) {
            reIded[i] = Events.reIded(
                    events.get(i),
                    new UUID(2026, i).toString(),
                    String.format("DEPT-2026-%010d", i),
                    events.get(i).getOccurredAt());
        }
        return Events.portraitOf(reIded);
    }

    static HouseholdState warned() {
        return new HouseholdState(
                "wuchang-2026.1",
                Map.of(Dimension.HEALTH, 22, Dimension.AGE_STRUCTURE, 8),
                30,
                WarningCategory.EARLY_WARNING,
                WarningLevel.BLUE,
                "warning-1",
                Instant.parse("2026-03-01T00:00:00Z"),
                "420106001001",
                Instant.parse("2026-03-01T00:00:00Z"),
                "1780000000000|" + Events.HOUSEHOLD);
    }

    @Test
    void aRichRecordSurvivesTheRoundTrip() {
        HouseholdRecord record = new HouseholdRecord(rich(), warned());

        HouseholdRecord read = serde.read(serde.write(record));

        assertThat(read).isEqualTo(record);
        assertThat(read.portrait().facts()).hasSize(26);
    }

    @Test
    void aRecordWithoutWarningAndTheEmptyPortraitSurviveTheRoundTrip() {
        HouseholdRecord empty = new HouseholdRecord(Portraits.empty(Events.HOUSEHOLD), null);
        HouseholdState quiet =
                new HouseholdState("wuchang-2026.1", Map.of(), 0, null, null, null, null, null, Instant.EPOCH, null);
        HouseholdRecord notWarned = new HouseholdRecord(rich(), quiet);

        assertThat(serde.read(serde.write(empty))).isEqualTo(empty);
        assertThat(serde.read(serde.write(notWarned))).isEqualTo(notWarned);
    }

    @Test
    void theVersionByteComesFirstAndTheBinaryIsAFractionOfTheJson() {
        Portrait portrait = richWithIntakeIds();
        byte[] binary = serde.write(new HouseholdRecord(portrait, warned()));
        byte[] json = new PortraitSerde().write(portrait);

        assertThat(binary[0]).isEqualTo(HouseholdRecordSerde.VERSION);
        assertThat(binary.length)
                .as("binary %s bytes, JSON %s", binary.length, json.length)
                // the ids (a UUID and the department's id per fact, as text) are most of what is left
                .isLessThan(json.length / 2);
    }

    @Test
    void personsAndEventTypesAreWrittenOncePerHousehold() {
        Portrait portrait = richWithIntakeIds();
        String text = new String(serde.write(new HouseholdRecord(portrait, warned())), StandardCharsets.ISO_8859_1);

        String person = portrait.members().get(0).person();
        assertThat(text.split(java.util.regex.Pattern.quote(person), -1)).hasSize(2);
        assertThat(text.split("MedicalExpenseSettled", -1)).hasSize(2);
    }

    @Test
    void aPortraitInTheJsonFormatBeforeReadsAsARecordWithoutState() {
        Portrait portrait = rich();

        HouseholdRecord read = serde.read(new PortraitSerde().write(portrait));

        assertThat(read.portrait()).isEqualTo(portrait);
        assertThat(read.state()).isNull();
    }

    @Test
    void anotherVersionIsRefusedNamingIt() {
        byte[] bytes = serde.write(new HouseholdRecord(rich(), warned()));
        bytes[0] = 3;

        assertThatThrownBy(() -> serde.read(bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("format version 3");
        assertThatThrownBy(() -> serde.read(new byte[0])).isInstanceOf(SerializationException.class);
    }

    @Test
    void truncatedBytesAreRefused() {
        byte[] bytes = serde.write(new HouseholdRecord(rich(), warned()));

        assertThatThrownBy(() -> serde.read(java.util.Arrays.copyOf(bytes, bytes.length / 2)))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void nullStaysNull() {
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void theSchemaWrittenIsTheOneKept() throws IOException {
        String derived = HouseholdRecordSerde.schema().toString(true) + "\n";
        if (Boolean.getBoolean("regenerate")) {
            Files.writeString(
                    Path.of("src/main/resources" + HouseholdRecordSerde.SCHEMA_RESOURCE),
                    derived,
                    StandardCharsets.UTF_8);
            return;
        }
        assertThat(derived)
                .as("the records changed: bump HouseholdRecordSerde.VERSION, read the old version, regenerate")
                .isEqualTo(HouseholdRecordSerde.keptSchema());
        assertThat(new Schema.Parser().parse(HouseholdRecordSerde.keptSchema()))
                .isEqualTo(HouseholdRecordSerde.schema());
    }
}
