package org.zhengce.scoring.portrait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.zhengce.events.HouseholdEvent;

class PortraitSerdeTest {

    private final PortraitSerde serde = new PortraitSerde();

    private static Portrait rich() {
        return Events.portraitOf(Events.everyKindOfFact().toArray(HouseholdEvent[]::new));
    }

    @Test
    void aRichPortraitSurvivesTheRoundTrip() {
        Portrait portrait = rich();

        byte[] bytes = serde.serializer().serialize("scoring-portraits-changelog", portrait);
        Portrait read = serde.deserializer().deserialize("scoring-portraits-changelog", bytes);

        assertThat(read).isEqualTo(portrait);
        assertThat(read.facts()).hasSize(26);
    }

    @Test
    void theEmptyPortraitSurvivesTheRoundTrip() {
        Portrait empty = Portraits.empty(Events.HOUSEHOLD);

        assertThat(serde.read(serde.write(empty))).isEqualTo(empty);
    }

    @Test
    void theFormatVersionComesFirstAndTimesAreReadableText() {
        String json = new String(serde.write(rich()), StandardCharsets.UTF_8);

        assertThat(json).startsWith("{\"v\":1,\"householdNumber\":\"" + Events.HOUSEHOLD + "\"");
        assertThat(json).contains("\"occurredAt\":\"2026-02-21T03:00:00Z\"", "\"birthDate\":\"1942-03-10\"");
        assertThat(json).contains("\"department\":\"MEDICAL_INSURANCE\"");
    }

    @Test
    void jsonFromAnotherWriterWithTheSameFieldsReads() {
        Portrait portrait = rich();
        String spaced = new String(serde.write(portrait), StandardCharsets.UTF_8).replace("{\"v\":1,", "{ \"v\" : 1 ,");

        assertThat(serde.read(spaced.getBytes(StandardCharsets.UTF_8))).isEqualTo(portrait);
    }

    @Test
    void nullStaysNull() {
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void anotherFormatVersionIsRefused() {
        String json = new String(serde.write(Portraits.empty(Events.HOUSEHOLD)), StandardCharsets.UTF_8)
                .replace("\"v\":1", "\"v\":2");

        assertThatThrownBy(() -> serde.read(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("format version 2;");
    }

    @Test
    void aRecordWithoutVersionOrNotJsonIsRefused() {
        assertThatThrownBy(() -> serde.read("{\"householdNumber\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> serde.read("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void anUnknownFieldIsRefusedRatherThanDropped() {
        String json = new String(serde.write(Portraits.empty(Events.HOUSEHOLD)), StandardCharsets.UTF_8)
                .replace("{\"v\":1,", "{\"v\":1,\"wealth\":3,");

        assertThatThrownBy(() -> serde.read(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("wealth");
    }
}
