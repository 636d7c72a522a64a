package org.zhengce.intake.departments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.ResolvingDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.zhengce.events.Department;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.registry.compatibility.CompatibilityLevel;
import org.zhengce.registry.store.InMemoryRegistryStore;
import org.zhengce.registry.subjects.SchemaRegistry;
import org.zhengce.registry.subjects.SchemaRequest;

/**
 * The data standard's Department enum before PUBLIC_SECURITY was added (kept as {@code
 * data-standard/Department-v1.avsc}) against the one intake is built with: our registry takes the new version under
 * the compatibility level it is configured with, a reader of the old version reads the new department as OTHER, and
 * every old symbol keeps its position (README, "Adding a department").
 */
class DepartmentAddedToTheDataStandardTest {

    private static final String ADDED = "PUBLIC_SECURITY";

    private final Schema previous = parse("/data-standard/Department-v1.avsc");
    private final Schema current = Department.getClassSchema();

    @Test
    void theRegistryTakesTheNewDepartmentVersionUnderItsConfiguredLevel() {
        SchemaRegistry registry = new SchemaRegistry(new InMemoryRegistryStore(), configuredLevel());
        String subject = current.getFullName();
        registry.register(subject, SchemaRequest.of(previous.toString()));

        assertThat(registry.checkCompatibility(subject, null, SchemaRequest.of(current.toString())))
                .isEmpty();
        assertThat(registry.register(subject, SchemaRequest.of(current.toString()))
                        .version())
                .isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dept.public-security.events-value", "household.events-value"})
    void theTopicsCarryingTheDepartmentTakeTheirNewVersionUnderItsConfiguredLevel(String subject) {
        SchemaRegistry registry = new SchemaRegistry(new InMemoryRegistryStore(), configuredLevel());
        Schema before = subject.startsWith("dept.")
                ? parse("/schema-history/org.zhengce.intake.DepartmentEvent/v1.avsc")
                : parse("/schema-history/org.zhengce.events.HouseholdEvent/v1.avsc");
        Schema now = subject.startsWith("dept.") ? DepartmentEvent.getClassSchema() : HouseholdEvent.getClassSchema();
        assertThat(before.toString()).doesNotContain(ADDED);
        registry.register(subject, SchemaRequest.of(before.toString()));

        assertThat(registry.checkCompatibility(subject, null, SchemaRequest.of(now.toString())))
                .isEmpty();
    }

    @Test
    void readersOfEitherVersionReadDataOfTheOtherUnderFullTransitiveToo() {
        SchemaRegistry registry = new SchemaRegistry(new InMemoryRegistryStore(), CompatibilityLevel.FULL_TRANSITIVE);
        registry.register("department-value", SchemaRequest.of(previous.toString()));

        assertThat(registry.checkCompatibility("department-value", null, SchemaRequest.of(current.toString())))
                .isEmpty();
    }

    @Test
    void aReaderOfThePreviousVersionReadsTheNewDepartmentAsOther() throws IOException {
        byte[] written = write(current, ADDED);

        ResolvingDecoder resolving = DecoderFactory.get()
                .resolvingDecoder(current, previous, DecoderFactory.get().binaryDecoder(written, null));
        assertThat(previous.getEnumSymbols().get(resolving.readEnum())).isEqualTo("OTHER");
        assertThat(new GenericDatumReader<Object>(current, previous)
                        .read(null, DecoderFactory.get().binaryDecoder(written, null)))
                .hasToString("OTHER");
    }

    @Test
    void everyDepartmentOfThePreviousVersionKeepsItsNameAndItsPosition() throws IOException {
        // by name: a reader of the new version reads what the previous one wrote
        for (String symbol : previous.getEnumSymbols()) {
            Object read = new GenericDatumReader<Object>(previous, current)
                    .read(null, DecoderFactory.get().binaryDecoder(write(previous, symbol), null));
            assertThat(read).hasToString(symbol);
        }
        // by position: scoring's state stores write a department as its position, without the writer's schema
        assertThat(current.getEnumSymbols())
                .startsWith(previous.getEnumSymbols().toArray(String[]::new))
                .endsWith(ADDED);
        assertThat(current.getEnumDefault())
                .isEqualTo(previous.getEnumDefault())
                .isEqualTo("OTHER");
    }

    /** The level our registry starts with ({@code registry.default-compatibility} in its own configuration file). */
    private static CompatibilityLevel configuredLevel() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("schema-registry.yml"));
        Properties properties = java.util.Objects.requireNonNull(yaml.getObject());
        return CompatibilityLevel.forName(properties.getProperty("registry.default-compatibility"))
                .orElseThrow();
    }

    private static byte[] write(Schema schema, String symbol) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<Object>(schema).write(new GenericData.EnumSymbol(schema, symbol), encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static Schema parse(String resource) {
        try (InputStream in = DepartmentAddedToTheDataStandardTest.class.getResourceAsStream(resource)) {
            return new Schema.Parser().parse(java.util.Objects.requireNonNull(in, resource));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theConfiguredLevelIsBackwardTransitive() {
        assertThat(configuredLevel()).isEqualTo(CompatibilityLevel.BACKWARD_TRANSITIVE);
    }
}
