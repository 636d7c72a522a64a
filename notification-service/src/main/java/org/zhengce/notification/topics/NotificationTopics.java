package org.zhengce.notification.topics;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.zhengce.events.AlertEvent;
import org.zhengce.events.CaseEvent;
import org.zhengce.kit.kafka.DeadLetterReplay;
import org.zhengce.kit.kafka.ListenerErrors;
import org.zhengce.kit.kafka.TopicBinding;
import org.zhengce.kit.kafka.TopicBindings;
import org.zhengce.kit.kafka.TypedListeners;
import org.zhengce.notification.NotificationApplication;
import org.zhengce.schemas.catalogue.TopicCatalogue;

/**
 * Notification's topics, bound from the platform's catalogue: {@code case.events} in (the listener names the
 * {@code caseEvents} binding), {@code alert.events} out (the outbox's relay); the topics it is the one writer of,
 * created (or checked) at start-up; and the error handler of its listener. A {@code case.events} record that cannot
 * be read, or is read but malformed, is not retried: it goes to {@code case.events.dlq} on the same partition, the
 * reason in the {@code kafka_dlt-exception-*} headers (the bytes as received; a malformed one serialised again in the
 * same wire format). Failures are classified by the kit's {@code Failures}: a permanent one is dead-lettered at once;
 * a transient one (the database down) is retried with back-off ({@code notification.listeners.*}), counted, then
 * dead-lettered. Dead letters are replayed with {@code POST /admin/dead-letters/case.events.dlq/replay}.
 */
@Configuration(proxyBeanMethods = false)
class NotificationTopics {

    @Bean
    TopicBindings topicBindings(KafkaProperties kafkaProperties) {
        return new TopicBindings(TopicCatalogue.load(), kafkaProperties.getProperties());
    }

    @Bean
    TopicBinding<String, CaseEvent> caseEvents(TopicBindings bindings) {
        return bindings.avro("case.events", CaseEvent.class);
    }

    /** The listeners of {@code case.events}, reading it with the binding's serdes. */
    @Bean
    ConcurrentKafkaListenerContainerFactory<String, CaseEvent> caseEventsListeners(
            TopicBinding<String, CaseEvent> caseEvents,
            KafkaProperties kafkaProperties,
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer) {
        return TypedListeners.containerFactory(caseEvents, kafkaProperties, configurer);
    }

    @Bean
    TopicBinding<String, AlertEvent> alertEvents(TopicBindings bindings) {
        return bindings.avro("alert.events", AlertEvent.class);
    }

    @Bean
    KafkaAdmin.NewTopics ownTopics(TopicBindings bindings) {
        return bindings.ownTopics(NotificationApplication.NAME);
    }

    @Bean
    DefaultErrorHandler listenerErrorHandler(
            KafkaTemplate<String, byte[]> kafka,
            KafkaProperties kafkaProperties,
            TopicBinding<String, CaseEvent> caseEvents,
            TopicBindings bindings,
            MeterRegistry meters,
            @Value("${notification.listeners.max-attempts:10}") int maxAttempts,
            @Value("${notification.listeners.back-off-initial-interval:500ms}") Duration initialInterval,
            @Value("${notification.listeners.back-off-multiplier:2.0}") double multiplier,
            @Value("${notification.listeners.back-off-max-interval:30s}") Duration maxInterval) {
        return ListenerErrors.publishingWith(kafka)
                .deadLettering(caseEvents.name(), bindings.catalogue())
                .reserialisingAvro(kafkaProperties.getProperties())
                .retryingAtMost(maxAttempts)
                .backingOff(initialInterval, multiplier, maxInterval)
                .countingIn(meters)
                .handler();
    }

    /** {@code POST /admin/dead-letters/{dlq}/replay}: dead letters back to their topic after a fix. */
    @Bean
    RouterFunction<ServerResponse> deadLetterReplay(
            KafkaTemplate<String, byte[]> kafka, KafkaProperties kafkaProperties, TopicBindings bindings) {
        return DeadLetterReplay.routes(
                kafka, kafkaProperties.buildConsumerProperties(), bindings.catalogue(), List.of("case.events"));
    }
}
