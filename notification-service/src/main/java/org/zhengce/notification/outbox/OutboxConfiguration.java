package org.zhengce.notification.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Clock;
import java.time.Duration;
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
import org.zhengce.events.AlertEvent;
import org.zhengce.kit.kafka.TopicBinding;
import org.zhengce.kit.outbox.OutboxRecords;
import org.zhengce.kit.outbox.OutboxRelay;
import org.zhengce.kit.outbox.OutboxSettings;
import org.zhengce.kit.outbox.OutboxWakeUp;
import org.zhengce.kit.outbox.QuarantineEndpoints;
import org.zhengce.notification.NotificationApplication;

/**
 * Wires the outbox of {@code alert.events} (table {@code alert_outbox}) and the kit's relay of it: each row keyed by
 * its case id, the registry serializer, a log-checking consumer; both on the system clock. The relay's settings are
 * {@code notification.outbox.*}; its quarantine is at {@code /admin/outbox/quarantine} (role {@code PLATFORM_ADMIN}).
 * The relay wakes on new rows (ADR 0021): the table's trigger notifies (migration V7), and this JVM's writes wake it
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
    AlertEventOutbox alertEventOutbox(DatabaseClient db, OutboxWakeUp alertEventRelayWakeUp) {
        return new AlertEventOutbox(db, Clock.systemUTC(), alertEventRelayWakeUp);
    }

    /** Wakes the relay on new rows of {@code alert_outbox}, listening on a connection of its own. */
    @Bean
    OutboxWakeUp alertEventRelayWakeUp(ConnectionFactory connections, OutboxRelay alertEventRelay) {
        return new OutboxWakeUp(
                connections, AlertEventOutbox.TABLE, alertEventRelay::relayAll, RECONNECT_FROM, RECONNECT_UP_TO);
    }

    @Bean
    OutboxRelay alertEventRelay(
            DatabaseClient db,
            TransactionalOperator transactions,
            KafkaTemplate<String, byte[]> kafka,
            KafkaProperties kafkaProperties,
            TopicBinding<String, AlertEvent> alertEvents,
            Environment environment,
            MeterRegistry meters) {
        String topic = alertEvents.name();
        OutboxRecords records = new OutboxRecords(
                Map.of(
                        topic,
                        OutboxRecords.TopicCodec.of(
                                alertEvents, kafkaProperties.getProperties(), AlertEvent.getDecoder())),
                row -> new OutboxRecords.Destination(
                        topic, AlertEventOutbox.decode(row.event()).getCaseId()));
        return new OutboxRelay(
                db,
                transactions,
                kafka,
                OutboxRelay.logReaders(kafkaProperties, NotificationApplication.NAME + "-outbox-check"),
                AlertEventOutbox.TABLE,
                records,
                OutboxSettings.bind(Binder.get(environment), "notification.outbox"),
                Clock.systemUTC(),
                meters);
    }

    /** {@code /admin/outbox/quarantine}: the records the relay set aside, and their release after a fix. */
    @Bean
    RouterFunction<ServerResponse> outboxQuarantine(OutboxRelay relay) {
        return QuarantineEndpoints.routes(List.of(relay));
    }
}
