package org.zhengce.registry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zhengce.registry.store.RegistryEvent.CompatibilityCleared;
import org.zhengce.registry.store.RegistryEvent.CompatibilitySet;
import org.zhengce.registry.store.RegistryEvent.MaxIdNoted;
import org.zhengce.registry.store.RegistryEvent.ModeCleared;
import org.zhengce.registry.store.RegistryEvent.ModeSet;
import org.zhengce.registry.store.RegistryEvent.SchemaVersionErased;
import org.zhengce.registry.store.RegistryEvent.SchemaVersionSaved;
import org.zhengce.registry.store.RegistryEvent.SoftDeleteMarkerErased;
import org.zhengce.registry.store.RegistryEvent.SubjectSoftDeleted;

class StoreCodecTests {

    private final StoreCodec codec = new StoreCodec();

    @Test
    void schemaRecordsFollowConfluentsLayout() {
        StoreCodec.Encoded encoded =
                codec.encode(new SchemaVersionSaved(new SchemaVersion("users-value", 2, 7, "\"string\"", false)));

        assertThat(text(encoded.key()))
                .isEqualTo("{\"keytype\":\"SCHEMA\",\"subject\":\"users-value\",\"version\":2,\"magic\":1}");
        assertThat(text(encoded.value()))
                .isEqualTo("{\"subject\":\"users-value\",\"version\":2,\"id\":7,\"schema\":\"\\\"string\\\"\","
                        + "\"deleted\":false}");
    }

    @Test
    void globalConfigHasANullSubject() {
        StoreCodec.Encoded encoded = codec.encode(new CompatibilitySet(null, "FULL"));

        assertThat(text(encoded.key())).isEqualTo("{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}");
        assertThat(text(encoded.value())).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
    }

    @Test
    void permanentDeletesAreTombstonesOfTheSameKey() {
        StoreCodec.Encoded saved =
                codec.encode(new SchemaVersionSaved(new SchemaVersion("users-value", 1, 1, "\"int\"", true)));
        StoreCodec.Encoded erased = codec.encode(new SchemaVersionErased("users-value", 1));

        assertThat(erased.key()).isEqualTo(saved.key());
        assertThat(erased.value()).isNull();
    }

    @Test
    void everyEventSurvivesTheRoundTrip() {
        List<RegistryEvent> events = List.of(
                new SchemaVersionSaved(new SchemaVersion("a", 1, 3, "\"long\"", true)),
                new SchemaVersionErased("a", 1),
                new SubjectSoftDeleted("a", 4),
                new SoftDeleteMarkerErased("a"),
                new CompatibilitySet("a", "FORWARD"),
                new CompatibilityCleared(null),
                new ModeSet(null, "READONLY"),
                new ModeCleared("a"),
                new MaxIdNoted(12));

        for (RegistryEvent event : events) {
            StoreCodec.Encoded encoded = codec.encode(event);
            assertThat(codec.decode(encoded.key(), encoded.value())).contains(event);
        }
    }

    @Test
    void aVersionsDataContractIsStoredAsNestedObjectsAndSurvivesTheRoundTrip() {
        SchemaVersion version = new SchemaVersion(
                "pay-value",
                1,
                4,
                "\"long\"",
                false,
                "{\"properties\":{\"owner\":\"intake\"}}",
                "{\"domainRules\":[{\"expr\":\"message >= 0\",\"name\":\"nonNegative\",\"type\":\"CEL\"}]}");
        SubjectConfig config = new SubjectConfig(
                "FULL", true, "app.version", false, "alias-value", "{\"sensitive\":[\"ssn\"]}", null, null, null);

        StoreCodec.Encoded encoded = codec.encode(new SchemaVersionSaved(version));
        StoreCodec.Encoded settings = codec.encode(new CompatibilitySet("pay-value", config));

        assertThat(text(encoded.value())).contains(",\"metadata\":{\"properties\":{\"owner\":\"intake\"}}");
        assertThat(codec.decode(encoded.key(), encoded.value())).contains(new SchemaVersionSaved(version));
        assertThat(text(settings.value()))
                .isEqualTo(
                        "{\"compatibilityLevel\":\"FULL\",\"normalize\":true,\"compatibilityGroup\":\"app.version\","
                                + "\"validateFields\":false,\"alias\":\"alias-value\",\"defaultMetadata\":{\"sensitive\":[\"ssn\"]}}");
        assertThat(codec.decode(settings.key(), settings.value())).contains(new CompatibilitySet("pay-value", config));
    }

    @Test
    void recordsWrittenBeforeDataContractsReadAsVersionsWithoutOne() {
        byte[] key = "{\"keytype\":\"SCHEMA\",\"subject\":\"old-value\",\"version\":1,\"magic\":1}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] value = "{\"subject\":\"old-value\",\"version\":1,\"id\":2,\"schema\":\"\\\"int\\\"\",\"deleted\":false}"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(codec.decode(key, value))
                .contains(new SchemaVersionSaved(new SchemaVersion("old-value", 1, 2, "\"int\"", false, null, null)));
    }

    @Test
    void recordsOfUnknownKeyTypesAreSkipped() {
        byte[] noop = "{\"keytype\":\"NOOP\",\"magic\":0}".getBytes(StandardCharsets.UTF_8);

        assertThat(codec.decode(noop, null)).isEmpty();
    }

    @Test
    void garbageIsAStoreError() {
        byte[] garbage = "not json".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> codec.decode(garbage, null)).isInstanceOf(StoreException.class);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
