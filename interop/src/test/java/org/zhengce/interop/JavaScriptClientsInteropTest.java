package org.zhengce.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.zhengce.embedded.EmbeddedKafka;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.registry.EmbeddedSchemaRegistry;
import org.zhengce.schemas.registry.DataContract;
import org.zhengce.schemas.registry.SchemaRegistryClient;
import org.zhengce.schemas.rules.RuleFailedException;
import org.zhengce.schemas.serde.ConfluentAvroDeserializer;
import org.zhengce.schemas.serde.ConfluentAvroSerializer;
import org.zhengce.schemas.serde.SerdeConfig;

/**
 * Proves our broker, registry and Avro serde against independent clients: Confluent's
 * {@code @confluentinc/schemaregistry} and {@code kafkajs}, run by {@code node --test} in
 * {@code interop/node}. The order is: Java produces, Node reads and writes (and asks the registry its
 * questions), then Java reads what Node wrote.
 */
class JavaScriptClientsInteropTest {

    static final String JAVA_HOUSEHOLDS = "interop.java-households";
    static final String JS_HOUSEHOLDS = "interop.js-households";
    static final String JS_VISITS = "interop.js-visits";

    private static final Duration NODE_TIMEOUT = Duration.ofMinutes(4);

    private static EmbeddedKafka kafka;
    private static EmbeddedSchemaRegistry registry;
    private static NodeTestRun node;
    private static List<RuleVerdicts> javaRuleVerdicts;
    private static Path javaScriptRuleVerdicts;

    @BeforeAll
    static void runJavaThenNode() throws Exception {
        kafka = EmbeddedKafka.builder().start();
        registry = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), 0);
        createTopics(JAVA_HOUSEHOLDS, JS_HOUSEHOLDS, JS_VISITS, RuleParityCases.DLQ_TOPIC);

        produceFromJava(HouseholdEvents.javaSide());
        int javaSchemaId = registryClient().idOf(JAVA_HOUSEHOLDS + "-value", HouseholdEvent.getClassSchema());

        Path work = Path.of(System.getProperty("interop.work.directory", "target/interop"));
        Files.createDirectories(work);
        Path householdSchema = work.resolve("HouseholdEvent.avsc");
        Files.writeString(householdSchema, HouseholdEvent.getClassSchema().toString(true));
        Path compatibilityCases = work.resolve("compatibility-cases.json");
        CompatibilityCases.writeJson(compatibilityCases);

        // the rule parity contract, registered once; our serializer's verdicts before JavaScript's
        registryClient()
                .register(
                        RuleParityCases.SUBJECT,
                        RuleParityCases.SCHEMA,
                        DataContract.fromJson(RuleParityCases.contractJson()));
        Path ruleCases = work.resolve("rule-parity-cases.json");
        RuleParityCases.writeJson(ruleCases);
        try (ConfluentAvroSerializer<GenericRecord> serializer = ruleParitySerializer()) {
            javaRuleVerdicts = RuleVerdicts.ofOurSerializer(serializer);
        }
        Path javaVerdicts = work.resolve("rule-parity-java-verdicts.json");
        RuleVerdicts.writeJson(javaVerdicts, javaRuleVerdicts);
        javaScriptRuleVerdicts = work.resolve("rule-parity-js-verdicts.json");
        Files.deleteIfExists(javaScriptRuleVerdicts);

        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        environment.put("SCHEMA_REGISTRY_URL", registry.url());
        // the writer's basic.auth.user.info: registering and changing settings need it
        environment.put("SCHEMA_REGISTRY_USER_INFO", registry.userInfo());
        environment.put("JAVA_HOUSEHOLDS_TOPIC", JAVA_HOUSEHOLDS);
        environment.put("JAVA_HOUSEHOLDS_SCHEMA_ID", Integer.toString(javaSchemaId));
        environment.put("JS_HOUSEHOLDS_TOPIC", JS_HOUSEHOLDS);
        environment.put("JS_VISITS_TOPIC", JS_VISITS);
        environment.put(
                "HOUSEHOLD_EVENT_SCHEMA_FILE", householdSchema.toAbsolutePath().toString());
        environment.put(
                "COMPATIBILITY_CASES_FILE", compatibilityCases.toAbsolutePath().toString());
        environment.put("RULE_PARITY_CASES_FILE", ruleCases.toAbsolutePath().toString());
        environment.put(
                "RULE_PARITY_JAVA_VERDICTS_FILE", javaVerdicts.toAbsolutePath().toString());
        environment.put(
                "RULE_PARITY_JS_VERDICTS_FILE",
                javaScriptRuleVerdicts.toAbsolutePath().toString());
        node = NodeTestRun.run(
                System.getProperty("node.executable", "node"),
                Path.of(System.getProperty("interop.node.directory", "node")),
                environment,
                work.resolve("node-test-results.xml").toAbsolutePath(),
                NODE_TIMEOUT);
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (registry != null) {
            registry.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void nodeTestRunnerExitsWithZero() {
        assertThat(node.exitCode())
                .as("node --test exit code; its output:%n%s", node.output())
                .isZero();
        assertThat(node.cases()).as("test cases Node reported").hasSizeGreaterThanOrEqualTo(10);
    }

    /** Each Node test case, reported again under its own name, failing with Node's message. */
    @TestFactory
    Stream<DynamicTest> nodeTestCases() {
        return node.cases().stream()
                .map(testCase -> DynamicTest.dynamicTest(
                        testCase.name(),
                        () -> assertThat(testCase.failure())
                                .as("Node test '%s' failed", testCase.name())
                                .isNull()));
    }

    @Test
    void householdEventsSerialisedByJavaScriptAreReadByJavaDeserialiser() {
        Map<String, Object> deserializerConfig = new LinkedHashMap<>(registry.clientProperties());
        deserializerConfig.put(SerdeConfig.SPECIFIC_AVRO_READER, true);
        List<ConsumerRecord<String, HouseholdEvent>> records = consume(JS_HOUSEHOLDS, deserializerConfig, 2);

        assertThat(records).extracting(ConsumerRecord::key).containsExactly("HH-330106-0002", "HH-330106-0003");
        assertThat(records)
                .extracting(ConsumerRecord::value)
                .containsExactlyElementsOf(HouseholdEvents.javaScriptSide());
    }

    @Test
    void recordWithSchemaInferredByJavaScriptIsReadByJavaDeserialiser() {
        // anonymous: reading schemas by id needs no credentials
        var deserializerConfig = Map.<String, Object>of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
        List<ConsumerRecord<String, GenericRecord>> records = consume(JS_VISITS, deserializerConfig, 1);

        GenericRecord visit = records.get(0).value();
        assertThat(visit.getSchema().getFullName()).isEqualTo("Record1");
        assertThat(visit.get("visitId")).hasToString("visit-2024-0042");
        assertThat(visit.get("householdNumber")).hasToString("HH-330106-0004");
        assertThat(visit.get("urgency")).isEqualTo(3);
        assertThat(visit.get("note")).hasToString("独居老人，冬季取暖困难");
    }

    @Test
    void idsAreGlobalAndStableForTheSameSchema() {
        SchemaRegistryClient client = registryClient();
        int javaId = client.idOf(JAVA_HOUSEHOLDS + "-value", HouseholdEvent.getClassSchema());
        int javaScriptId = client.idOf(JS_HOUSEHOLDS + "-value", HouseholdEvent.getClassSchema());

        assertThat(javaScriptId)
                .as("same schema registered by Node under another subject")
                .isEqualTo(javaId);
        assertThat(client.schemaById(javaId)).isEqualTo(HouseholdEvent.getClassSchema());
    }

    @Test
    void ourSerialiserAcceptsAndRefusesEachRecordAsTheContractSays() {
        assertThat(RuleParityCases.ALL)
                .filteredOn(RuleParityCases.Case::acceptedOnWrite)
                .hasSizeGreaterThanOrEqualTo(3);
        assertThat(RuleParityCases.ALL).filteredOn(c -> !c.acceptedOnWrite()).hasSizeGreaterThanOrEqualTo(3);
        // the bytes as written, read without rules: the WRITE transforms' result
        try (var deserializer = rawDeserializer()) {
            for (int i = 0; i < RuleParityCases.ALL.size(); i++) {
                RuleParityCases.Case expected = RuleParityCases.ALL.get(i);
                RuleVerdicts verdict = javaRuleVerdicts.get(i);
                assertThat(verdict.caseName()).isEqualTo(expected.name());
                if (expected.acceptedOnWrite()) {
                    assertThat(verdict.payload())
                            .as("%s: written", expected.name())
                            .isNotNull();
                    GenericRecord written = deserializer.deserialize(RuleParityCases.TOPIC, verdict.payload());
                    assertThat(RuleParityCases.valueOf(written))
                            .as("%s: the value written", expected.name())
                            .isEqualTo(expected.written());
                } else {
                    assertThat(verdict.rule())
                            .as("%s: refused by (%s)", expected.name(), verdict.message())
                            .isEqualTo(expected.refusedOnWriteBy());
                    assertThat(verdict.message()).contains("failed on WRITE");
                }
            }
        }
    }

    @Test
    void aRecordRefusedByADeadLetterRuleIsDeadLetteredByOurSerialiser() {
        List<ConsumerRecord<byte[], byte[]>> deadLetters = consumeBytes(RuleParityCases.DLQ_TOPIC, 1);

        assertThat(deadLetters).hasSize(1);
        ConsumerRecord<byte[], byte[]> deadLetter = deadLetters.get(0);
        assertThat(new String(deadLetter.headers().lastHeader("__rule.name").value(), StandardCharsets.UTF_8))
                .isEqualTo("communityCodeTwelveDigits");
        assertThat(new String(deadLetter.headers().lastHeader("__rule.mode").value(), StandardCharsets.UTF_8))
                .isEqualTo("WRITE");
        assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8))
                .as("the refused record as Avro JSON, after the WRITE transforms")
                .contains("\"communityCode\":\"3301\"", "\"programme\":\"DIBAO\"");
    }

    @Test
    void theJavaScriptAndOurSerialisersAcceptTheSameRecordsAndWriteTheSameBytes() throws Exception {
        Map<String, RuleVerdicts> javaScript = RuleVerdicts.readJson(javaScriptRuleVerdicts);
        assertThat(javaScript.keySet())
                .containsExactlyElementsOf(RuleParityCases.ALL.stream()
                        .map(RuleParityCases.Case::name)
                        .toList());
        for (int i = 0; i < RuleParityCases.ALL.size(); i++) {
            RuleParityCases.Case expected = RuleParityCases.ALL.get(i);
            RuleVerdicts ours = javaRuleVerdicts.get(i);
            RuleVerdicts theirs = javaScript.get(expected.name());
            RuleParityCases.KnownDifference difference = expected.javaScript();
            if (difference != null && difference.refuses()) {
                // a known difference: JavaScript refuses, as the README's "Known differences" says
                assertThat(theirs.accepted())
                        .as("%s: JavaScript accepted", expected.name())
                        .isFalse();
                assertThat(theirs.errorType()).isEqualTo(difference.errorType());
                continue;
            }
            if (difference != null) {
                // a known difference: JavaScript writes another value
                assertThat(theirs.payload())
                        .as("%s: JavaScript's bytes", expected.name())
                        .isNotEqualTo(ours.payload());
                try (var deserializer = rawDeserializer()) {
                    GenericRecord written = deserializer.deserialize(RuleParityCases.TOPIC, theirs.payload());
                    assertThat(RuleParityCases.valueOf(written)).isEqualTo(difference.written());
                }
                continue;
            }
            assertThat(theirs.accepted())
                    .as("%s: JavaScript accepted (%s)", expected.name(), theirs.message())
                    .isEqualTo(ours.accepted());
            if (ours.accepted()) {
                assertThat(theirs.payload())
                        .as("%s: same bytes", expected.name())
                        .isEqualTo(ours.payload());
            } else {
                assertThat(theirs.rule())
                        .as("%s: JavaScript's refusing rule", expected.name())
                        .isEqualTo(ours.rule());
            }
        }
    }

    @Test
    void ourDeserialiserAppliesTheReadRulesToWhatJavaScriptWrote() throws Exception {
        Map<String, RuleVerdicts> javaScript = RuleVerdicts.readJson(javaScriptRuleVerdicts);
        int read = 0;
        try (var deserializer = new ConfluentAvroDeserializer<GenericRecord>()) {
            deserializer.configure(registry.clientProperties(), false);
            for (RuleParityCases.Case expected : RuleParityCases.ALL) {
                RuleVerdicts theirs = javaScript.get(expected.name());
                if (theirs == null || !theirs.accepted() || expected.javaScript() != null) {
                    continue;
                }
                read++;
                if (expected.refusedOnReadBy() != null) {
                    assertThatThrownBy(() -> deserializer.deserialize(RuleParityCases.TOPIC, theirs.payload()))
                            .as(expected.name())
                            .isInstanceOfSatisfying(RuleFailedException.class, failed -> {
                                assertThat(failed.ruleName()).isEqualTo(expected.refusedOnReadBy());
                                assertThat(failed.mode()).isEqualTo("READ");
                            });
                } else {
                    GenericRecord value = deserializer.deserialize(RuleParityCases.TOPIC, theirs.payload());
                    assertThat(RuleParityCases.valueOf(value))
                            .as(expected.name())
                            .isEqualTo(expected.read());
                }
            }
        }
        assertThat(read).as("records JavaScript wrote").isGreaterThanOrEqualTo(3);
    }

    /** A deserializer that runs no rules: what the bytes hold as written. */
    private static ConfluentAvroDeserializer<GenericRecord> rawDeserializer() {
        Map<String, Object> config = new LinkedHashMap<>(registry.clientProperties());
        config.put(SerdeConfig.RULE_EXECUTION, false);
        ConfluentAvroDeserializer<GenericRecord> deserializer = new ConfluentAvroDeserializer<>();
        deserializer.configure(config, false);
        return deserializer;
    }

    private static ConfluentAvroSerializer<GenericRecord> ruleParitySerializer() {
        Map<String, Object> config = new LinkedHashMap<>(registry.clientProperties());
        config.put(SerdeConfig.AUTO_REGISTER_SCHEMAS, false);
        config.put(SerdeConfig.USE_LATEST_VERSION, true);
        // the DLQ action's producer, made by the serde from its own config as Confluent's is
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        ConfluentAvroSerializer<GenericRecord> serializer = new ConfluentAvroSerializer<>();
        serializer.configure(config, false);
        return serializer;
    }

    private static List<ConsumerRecord<byte[], byte[]>> consumeBytes(String topic, int count) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "interop-java-" + topic);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> {
                                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                                return records.size();
                            },
                            size -> size >= count);
        }
        return records;
    }

    private static void createTopics(String... topics) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(Stream.of(topics)
                            .map(topic -> new NewTopic(topic, 1, (short) 1))
                            .toList())
                    .all()
                    .get();
        }
    }

    private static void produceFromJava(List<HouseholdEvent> events) throws Exception {
        Map<String, Object> config = new LinkedHashMap<>(registry.clientProperties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ConfluentAvroSerializer.class);
        config.put(SerdeConfig.AUTO_REGISTER_SCHEMAS, true);
        try (var producer = new KafkaProducer<String, HouseholdEvent>(config)) {
            for (HouseholdEvent event : events) {
                producer.send(new ProducerRecord<>(JAVA_HOUSEHOLDS, HouseholdEvents.keyOf(event), event))
                        .get();
            }
        }
    }

    private static <V> List<ConsumerRecord<String, V>> consume(
            String topic, Map<String, ?> deserializerConfig, int count) {
        Map<String, Object> config = new LinkedHashMap<>(deserializerConfig);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "interop-java-" + topic);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ConfluentAvroDeserializer.class);
        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, V>(config)) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> {
                                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                                return records.size();
                            },
                            size -> size >= count);
        }
        return records;
    }

    private static SchemaRegistryClient registryClient() {
        return SerdeConfig.parse(registry.clientProperties()).newClient();
    }
}
