package org.zhengce.referral.topics;

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
import org.zhengce.events.CaseEvent;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.HouseholdWarningEvent;
import org.zhengce.kit.kafka.DeadLetterReplay;
import org.zhengce.kit.kafka.ListenerErrors;
import org.zhengce.kit.kafka.TopicBinding;
import org.zhengce.kit.kafka.TopicBindings;
import org.zhengce.kit.kafka.TypedListeners;
import org.zhengce.referral.ReferralApplication;
import org.zhengce.schemas.catalogue.TopicCatalogue;

/**
 * Referral's topics, bound from the platform's catalogue: {@code household.warnings} and {@code household.events} in
 * (the listeners name the {@code householdWarnings} and {@code householdEvents} bindings), {@code case.events} and
 * each department's {@code decisions.<department>} out (the outbox's relay, {@link DecisionTopics}); the topics it is the one writer of, created (or checked) at
 * start-up; and the error handler of its listeners. A record that cannot be read is not retried: one of
 * {@code household.warnings} goes to {@code household.warnings.dlq} (the bytes as received, the reason in the
 * {@code kafka_dlt-exception-*} headers); one of {@code household.events} is skipped with a warning, since that topic
 * keeps it for ever and its dead-letter topic belongs to scoring. Failures are classified by the kit's {@code
 * Failures}: a permanent one (the database refusing a value) is treated as an unreadable record; a transient one (the
 * database down) is retried with back-off ({@code referral.listeners.*}), each retry logged and counted, then a
 * {@code household.warnings} record is dead-lettered ({@code household.events}: retried until it passes). Dead
 * letters are replayed with {@code POST /admin/dead-letters/household.warnings.dlq/replay}.
 */
@Configuration(proxyBeanMethods = false)
class ReferralTopics {

    @Bean
    TopicBindings topicBindings(KafkaProperties kafkaProperties) {
        return new TopicBindings(TopicCatalogue.load(), kafkaProperties.getProperties());
    }

    @Bean
    TopicBinding<String, HouseholdWarningEvent> householdWarnings(TopicBindings bindings) {
        return bindings.avro("household.warnings", HouseholdWarningEvent.class);
    }

    @Bean
    TopicBinding<String, HouseholdEvent> householdEvents(TopicBindings bindings) {
        return bindings.avro("household.events", HouseholdEvent.class);
    }

    /** The listeners of {@code household.warnings}, reading it with the binding's serdes. */
    @Bean
    ConcurrentKafkaListenerContainerFactory<String, HouseholdWarningEvent> householdWarningsListeners(
            TopicBinding<String, HouseholdWarningEvent> householdWarnings,
            KafkaProperties kafkaProperties,
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer) {
        return TypedListeners.containerFactory(householdWarnings, kafkaProperties, configurer);
    }

    /** The listeners of {@code household.events}, reading it with the binding's serdes. */
    @Bean
    ConcurrentKafkaListenerContainerFactory<String, HouseholdEvent> householdEventsListeners(
            TopicBinding<String, HouseholdEvent> householdEvents,
            KafkaProperties kafkaProperties,
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer) {
        return TypedListeners.containerFactory(householdEvents, kafkaProperties, configurer);
    }

    @Bean
    TopicBinding<String, CaseEvent> caseEvents(TopicBindings bindings) {
        return bindings.avro("case.events", CaseEvent.class);
    }

    @Bean
    DecisionTopics decisionTopics(TopicBindings bindings) {
        return DecisionTopics.of(bindings);
    }

    @Bean
    KafkaAdmin.NewTopics ownTopics(TopicBindings bindings) {
        return bindings.ownTopics(ReferralApplication.NAME);
    }

    @Bean
    DefaultErrorHandler listenerErrorHandler(
            KafkaTemplate<String, byte[]> kafka,
            KafkaProperties kafkaProperties,
            TopicBinding<String, HouseholdWarningEvent> householdWarnings,
            TopicBindings bindings,
            MeterRegistry meters,
            @Value("${referral.listeners.max-attempts:10}") int maxAttempts,
            @Value("${referral.listeners.back-off-initial-interval:500ms}") Duration initialInterval,
            @Value("${referral.listeners.back-off-multiplier:2.0}") double multiplier,
            @Value("${referral.listeners.back-off-max-interval:30s}") Duration maxInterval) {
        return ListenerErrors.publishingWith(kafka)
                .deadLettering(householdWarnings.name(), bindings.catalogue())
                .reserialisingAvro(kafkaProperties.getProperties())
                .loggingRetries()
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
                kafka, kafkaProperties.buildConsumerProperties(), bindings.catalogue(), List.of("household.warnings"));
    }
}
