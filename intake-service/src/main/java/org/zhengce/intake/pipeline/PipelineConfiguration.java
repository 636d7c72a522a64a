package org.zhengce.intake.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.intake.departments.DepartmentRegistry;
import org.zhengce.intake.identity.Pseudonymiser;
import org.zhengce.intake.reading.EventJson;
import org.zhengce.intake.validation.CommunityDirectory;
import org.zhengce.intake.validation.EventPseudonymisation;
import org.zhengce.intake.validation.EventValidator;
import org.zhengce.kit.crypto.KeyRing;
import org.zhengce.kit.crypto.KeyedHash;
import org.zhengce.kit.outbox.QuarantineEndpoints;
import org.zhengce.schemas.catalogue.TopicCatalogue;
import org.zhengce.schemas.serde.ConfluentAvroDeserializer;
import org.zhengce.schemas.serde.ConfluentAvroSerializer;
import org.zhengce.schemas.serde.SerdeConfig;
import reactor.core.publisher.Flux;

/** Wires the pipeline from its settings: keys, communities, serdes and the Kafka writers. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties({PipelineSettings.class, PseudonymSettings.class})
class PipelineConfiguration {

    private static final String HOUSEHOLD_EVENTS = "household.events";
    private static final String DEAD_LETTERS = "dept.events.dlq";
    private static final int REKEY_BATCH = 1_000;

    @Bean
    EventJson eventJson() {
        return new EventJson();
    }

    /**
     * A fixed list of communities ({@code intake.pipeline.communities}), for intake running without referral's
     * directory; unset (as deployed), the communities are the directory's, read from the {@code jurisdictions} topic
     * (the {@code communities} package, ADR 0035).
     */
    @Bean
    @ConditionalOnExpression("!'${intake.pipeline.communities:}'.isEmpty()")
    CommunityDirectory fixedCommunities(PipelineSettings settings) {
        Resource file = java.util.Objects.requireNonNull(settings.communities(), "intake.pipeline.communities");
        Set<String> codes = new HashSet<>();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8))) {
            lines.lines()
                    .map(line -> line.replaceFirst("#.*", "").strip())
                    .filter(line -> !line.isEmpty())
                    .map(line -> line.split("\\s+", 2)[0])
                    .forEach(codes::add);
        } catch (IOException e) {
            throw new UncheckedIOException("intake.pipeline.communities: cannot read " + file.getDescription(), e);
        }
        return CommunityDirectory.of(codes);
    }

    /** The idempotency digest under its own keys (never the pseudonym or sealing keys). */
    @Bean
    EventDigests eventDigests(PipelineSettings settings) {
        return new EventDigests(new KeyedHash(
                settings.cryptoSuite(),
                KeyRing.fromBase64("intake.pipeline.digest-keys", settings.digestKeys(), settings.digestKeyId())));
    }

    /**
     * Re-keys, once, the ledger rows written before digests were keyed: their bare SHA-256 becomes its keyed hash
     * under the active digest key, so no stored digest can be brute-forced. Resends meanwhile stay idempotent
     * ({@link EventDigests#matches}).
     */
    @Bean
    org.springframework.boot.ApplicationRunner rekeyUnkeyedDigests(
            EventLedger ledger, EventDigests digests, PipelineSettings settings) {
        return arguments -> {
            Long rekeyed = Flux.defer(() -> ledger.unkeyed(REKEY_BATCH)
                            .collectList()
                            .flatMap(rows -> ledger.rekey(
                                            rows,
                                            settings.digestKeyId(),
                                            bare -> digests.rekey(bare).bytes())
                                    .thenReturn(rows.size())))
                    .repeat()
                    .takeWhile(rows -> rows > 0)
                    .reduce(0L, (sum, rows) -> sum + rows)
                    .block();
            if (rekeyed != null && rekeyed > 0) {
                org.slf4j.LoggerFactory.getLogger(PipelineConfiguration.class)
                        .info(
                                "re-keyed the idempotency digests of {} ledger rows under digest key {}",
                                rekeyed,
                                settings.digestKeyId());
            }
        };
    }

    @Bean
    IntakePipeline intakePipeline(
            PipelineSettings settings,
            PseudonymSettings pseudonyms,
            EventDigests digests,
            CommunityDirectory communities,
            EventLedger ledger,
            RejectedEventStore rejections,
            KafkaTemplate<String, byte[]> kafka,
            KafkaProperties kafkaProperties,
            MeterRegistry meters,
            EventJson json,
            DepartmentRegistry registry,
            ObjectProvider<Clock> clockProvider) {
        Clock clock = clockProvider.getIfAvailable(Clock::systemUTC);
        Map<String, Object> serdeConfig = new HashMap<>(kafkaProperties.getProperties());
        ConfluentAvroSerializer<HouseholdEvent> serializer = new ConfluentAvroSerializer<>();
        // intake owns household.events: its registration publishes HouseholdEvent's data contract (ADR 0029)
        Map<String, Object> writerConfig = new HashMap<>(serdeConfig);
        writerConfig.putIfAbsent(SerdeConfig.PUBLISH_DATA_CONTRACTS, true);
        // the contract's rules are what validation refuses first (ContractRulesParityTest): run them again on request
        writerConfig.putIfAbsent(SerdeConfig.RULE_EXECUTION, settings.contractRulesOnWrite());
        serializer.configure(writerConfig, false);
        Map<String, Object> readerConfig = new HashMap<>(serdeConfig);
        readerConfig.put(SerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, DepartmentEvent.class.getName());
        ConfluentAvroDeserializer<DepartmentEvent> deserializer = new ConfluentAvroDeserializer<>();
        deserializer.configure(readerConfig, false);
        Pseudonymiser pseudonymiser =
                Pseudonymiser.fromBase64Secrets(settings.cryptoSuite(), pseudonyms.keys(), pseudonyms.activeKeyId());
        HouseholdEventWriter writer = householdEventWriter(kafka, serializer, settings);
        return new IntakePipeline(
                new EventValidator(clock, communities, settings.allowedClockSkew()),
                new EventPseudonymisation(pseudonymiser, clock),
                ledger,
                new ClaimGroups(ledger, writer, clock, settings.groupsInFlight(), settings.groupMaxEvents()),
                new RegistrationLookups(ledger, settings.groupsInFlight(), settings.groupMaxEvents()),
                writer,
                rejections,
                new DeadLetterWriter(
                        kafka, topic(DEAD_LETTERS), settings.publishTimeout(), settings.deadLetterMaxSize()),
                new PayloadSealer(settings.cryptoSuite(), settings.sealingKeys(), settings.sealingKeyId()),
                digests,
                new IntakeMetrics(meters),
                new DepartmentEventDecoder(deserializer),
                json,
                registry,
                clock);
    }

    /**
     * Registers household.events' value schema at start-up (one example serialised), so the first requests do not
     * wait on the registry from an event-loop thread. An unreachable registry is logged, not fatal: the first event
     * registers it then.
     */
    @Bean
    org.springframework.boot.ApplicationRunner registerPublishedSchema(
            IntakePipeline pipeline, PseudonymSettings keys, PipelineSettings settings) {
        return arguments -> {
            try {
                org.zhengce.intake.DepartmentEvent example = org.zhengce.intake.reading.EventExamples.all()
                        .values()
                        .iterator()
                        .next();
                EventPseudonymisation pseudonyms = new EventPseudonymisation(
                        Pseudonymiser.fromBase64Secrets(settings.cryptoSuite(), keys.keys(), keys.activeKeyId()),
                        Clock.systemUTC());
                pipeline.writer().serializeOnly(pseudonyms.toHouseholdEvent(example, "schema-registration"));
            } catch (RuntimeException unreachable) {
                org.slf4j.LoggerFactory.getLogger(PipelineConfiguration.class)
                        .warn(
                                "could not register household.events' schema at start-up ({}); the first event will",
                                unreachable.toString());
            }
        };
    }

    @Bean
    DepartmentEventDecoder departmentEventDecoder(IntakePipeline pipeline) {
        return pipeline.decoder();
    }

    @Bean
    OutboxRelay outboxRelay(
            PipelineSettings settings,
            EventLedger ledger,
            IntakePipeline pipeline,
            ConsumerFactory<String, byte[]> consumers,
            TransactionalOperator transactions,
            ObjectProvider<Clock> clock,
            MeterRegistry meters) {
        AtomicLong unpublished = new AtomicLong();
        Gauge.builder("intake.ledger.unpublished", unpublished, AtomicLong::get)
                .description("Events claimed in the ledger and not yet confirmed on household.events")
                .register(meters);
        AtomicLong quarantined = new AtomicLong();
        String outbox = pipeline.writer().topic();
        Gauge.builder("platform.outbox.quarantine", quarantined, AtomicLong::get)
                .description("Outbox records in quarantine now (each holds back its household's later records)")
                .tag("outbox", outbox)
                .register(meters);
        return new OutboxRelay(
                ledger,
                pipeline.writer(),
                consumers,
                transactions,
                settings.relayAfter(),
                settings.relayMaxRetryDelay(),
                clock.getIfAvailable(Clock::systemUTC),
                new OutboxRelay.RelayMeters(
                        unpublished,
                        quarantined,
                        Counter.builder("platform.outbox.retries")
                                .description("Outbox records whose send failed for a transient reason and will be"
                                        + " tried again (alarm)")
                                .tag("outbox", outbox)
                                .register(meters),
                        Counter.builder("platform.outbox.quarantined")
                                .description("Outbox records set aside because they can never be sent as they are")
                                .tag("outbox", outbox)
                                .register(meters)));
    }

    /** {@code /admin/outbox/quarantine}: the ledger rows the relay set aside, and their release after a fix. */
    @Bean
    RouterFunction<ServerResponse> outboxQuarantine(OutboxRelay relay) {
        return QuarantineEndpoints.routes(List.of(relay));
    }

    private static HouseholdEventWriter householdEventWriter(
            KafkaTemplate<String, byte[]> kafka,
            ConfluentAvroSerializer<HouseholdEvent> serializer,
            PipelineSettings settings) {
        return new HouseholdEventWriter(kafka, serializer, topic(HOUSEHOLD_EVENTS), settings.publishTimeout());
    }

    private static String topic(String name) {
        return TopicCatalogue.load().topic(name).name();
    }
}
