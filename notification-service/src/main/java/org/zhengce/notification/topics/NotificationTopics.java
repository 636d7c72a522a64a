package org.zhengce.notification.topics;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.zhengce.events.AlertEvent;
import org.zhengce.events.CaseEvent;
import org.zhengce.kit.kafka.DeadLetterReplay;
import org.zhengce.kit.kafka.ListenerBindings;
import org.zhengce.kit.kafka.ListenerErrors;
import org.zhengce.kit.kafka.TopicBinding;
import org.zhengce.kit.kafka.TopicBindings;
import org.zhengce.notification.NotificationApplication;
import org.zhengce.schemas.catalogue.TopicCatalogue;

/**
 * Notification's topics, bound from the platform's catalogue: {@code case.events} in (read by the function {@code
 * raiseAlerts}, Spring Cloud Stream binding {@code raiseAlerts-in-0} in {@code notification-service.yml}), {@code
 * alert.events} out (the outbox's relay); the topics it is the one writer of, created (or checked) at start-up; and
 * how its binding reads and fails ({@link ListenerBindings}). A {@code case.events} record that cannot be read, or is
 * read but malformed, is not retried: it goes to {@code case.events.dlq} on the same partition, the reason in the
 * {@code kafka_dlt-exception-*} headers (the bytes as received; a malformed one serialised again in the same wire
 * format). Failures are classified by the kit's {@code Failures}: a permanent one is dead-lettered at once; a transient
 * one (the database down) is retried with the binding's back-off ({@code max-attempts}, {@code back-off-*}), counted,
 * then dead-lettered. Dead letters are replayed with {@code POST /admin/dead-letters/case.events.dlq/replay}.
 */
@Configuration(proxyBeanMethods = false)
@Import(ListenerBindings.Infrastructure.class)
class NotificationTopics {

    @Bean
    TopicBindings topicBindings(KafkaProperties kafkaProperties) {
        return new TopicBindings(TopicCatalogue.load(), kafkaProperties.getProperties());
    }

    @Bean
    TopicBinding<String, CaseEvent> caseEvents(TopicBindings bindings) {
        return bindings.avro("case.events", CaseEvent.class);
    }

    @Bean
    TopicBinding<String, AlertEvent> alertEvents(TopicBindings bindings) {
        return bindings.avro("alert.events", AlertEvent.class);
    }

    @Bean
    KafkaAdmin.NewTopics ownTopics(TopicBindings bindings) {
        return bindings.ownTopics(NotificationApplication.NAME);
    }

    /**
     * The binding of {@code case.events}: read with its topic's serdes, its failures classified, retried and
     * dead-lettered as the binding's settings say.
     */
    @Bean
    ListenerBindings listenerBindings(
            KafkaTemplate<String, byte[]> kafka,
            KafkaProperties kafkaProperties,
            TopicBinding<String, CaseEvent> caseEvents,
            TopicBindings bindings,
            MeterRegistry meters) {
        return ListenerBindings.of(
                ListenerErrors.publishingWith(kafka)
                        .reserialisingAvro(kafkaProperties.getProperties())
                        .countingIn(meters),
                bindings.catalogue(),
                List.of(caseEvents));
    }

    /** {@code POST /admin/dead-letters/{dlq}/replay}: dead letters back to their topic after a fix. */
    @Bean
    RouterFunction<ServerResponse> deadLetterReplay(
            KafkaTemplate<String, byte[]> kafka, KafkaProperties kafkaProperties, TopicBindings bindings) {
        return DeadLetterReplay.routes(
                kafka, kafkaProperties.buildConsumerProperties(), bindings.catalogue(), List.of("case.events"));
    }
}
