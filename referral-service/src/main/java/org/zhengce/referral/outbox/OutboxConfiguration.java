package org.zhengce.referral.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.zhengce.events.AssistanceDecisionShared;
import org.zhengce.events.CaseEvent;
import org.zhengce.kit.kafka.TopicBinding;
import org.zhengce.kit.outbox.OutboxRecords;
import org.zhengce.kit.outbox.OutboxRelay;
import org.zhengce.kit.outbox.OutboxSettings;
import org.zhengce.kit.outbox.OutboxWakeUp;
import org.zhengce.kit.outbox.QuarantineEndpoints;
import org.zhengce.referral.ReferralApplication;
import org.zhengce.referral.topics.DecisionTopics;

/**
 * Wires the outbox of {@code case.events} and each department's {@code decisions.<department>} (table {@code case_outbox}, each row naming
 * its topic and record key) and the kit's relay of it: the registry serializer, a log-checking consumer; both on the
 * system clock (claims and record timestamps are compared with the broker's). The relay's settings are
 * {@code referral.outbox.*}; its quarantine is at {@code /admin/outbox/quarantine} (role {@code PLATFORM_ADMIN}).
 * The relay wakes on new rows (ADR 0021): the table's trigger notifies (migration V18), and this JVM's writes wake it
 * when they commit; its schedule, {@code relay-interval}, is the fallback.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class OutboxConfiguration {

    /** The first pause before the listening connection reconnects; it doubles with each failure. */
    private static final Duration RECONNECT_FROM = Duration.ofMillis(500);
    /** The longest pause between two reconnections. */
    private static final Duration RECONNECT_UP_TO = Duration.ofSeconds(30);

    @Bean
    CaseEventOutbox caseEventOutbox(DatabaseClient db, OutboxWakeUp caseEventRelayWakeUp) {
        return new CaseEventOutbox(db, Clock.systemUTC(), caseEventRelayWakeUp);
    }

    /** Wakes the relay on new rows of {@code case_outbox}, listening on a connection of its own. */
    @Bean
    OutboxWakeUp caseEventRelayWakeUp(ConnectionFactory connections, OutboxRelay caseEventRelay) {
        return new OutboxWakeUp(
                connections, CaseEventOutbox.TABLE, caseEventRelay::relayAll, RECONNECT_FROM, RECONNECT_UP_TO);
    }

    @Bean
    OutboxRelay caseEventRelay(
            DatabaseClient db,
            TransactionalOperator transactions,
            KafkaTemplate<String, byte[]> kafka,
            KafkaProperties kafkaProperties,
            TopicBinding<String, CaseEvent> caseEvents,
            DecisionTopics decisionTopics,
            Environment environment,
            MeterRegistry meters) {
        Map<String, ?> serdeSettings = kafkaProperties.getProperties();
        Map<String, OutboxRecords.TopicCodec> topics = new HashMap<>();
        topics.put(caseEvents.name(), OutboxRecords.TopicCodec.of(caseEvents, serdeSettings, CaseEvent.getDecoder()));
        decisionTopics
                .all()
                .forEach(decisions -> topics.put(
                        decisions.name(),
                        OutboxRecords.TopicCodec.of(decisions, serdeSettings, AssistanceDecisionShared.getDecoder())));
        OutboxRecords records = OutboxRecords.routedByColumns(topics);
        return new OutboxRelay(
                db,
                transactions,
                kafka,
                OutboxRelay.logReaders(kafkaProperties, ReferralApplication.NAME + "-outbox-check"),
                CaseEventOutbox.TABLE,
                records,
                OutboxSettings.bind(Binder.get(environment), "referral.outbox"),
                Clock.systemUTC(),
                meters);
    }

    /** {@code /admin/outbox/quarantine}: the records the relay set aside, and their release after a fix. */
    @Bean
    RouterFunction<ServerResponse> outboxQuarantine(OutboxRelay relay) {
        return QuarantineEndpoints.routes(List.of(relay));
    }
}
