package org.zhengce.referral.topics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.List;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.zhengce.events.CaseEvent;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.HouseholdWarningEvent;
import org.zhengce.kit.kafka.DeadLetterReplay;
import org.zhengce.kit.kafka.ListenerBindings;
import org.zhengce.kit.kafka.ListenerErrors;
import org.zhengce.kit.kafka.TopicBinding;
import org.zhengce.kit.kafka.TopicBindings;
import org.zhengce.referral.ReferralApplication;
import org.zhengce.schemas.catalogue.TopicCatalogue;

/**
 * Referral's topics, bound from the platform's catalogue: {@code household.warnings} and {@code household.events} in
 * (read by the functions {@code applyWarnings} and {@code keepHouseholdContacts}, Spring Cloud Stream bindings {@code
 * applyWarnings-in-0} and {@code keepHouseholdContacts-in-0} in {@code referral-service.yml}), {@code case.events} and
 * each department's {@code decisions.<department>} out (the outbox's relay, {@link DecisionTopics}); the topics it is
 * the one writer of, created (or checked) at start-up; and how its bindings read and fail ({@link ListenerBindings}).
 * A record that cannot be read is not retried: one of {@code household.warnings} goes to {@code
 * household.warnings.dlq} (the bytes as received, the reason in the {@code kafka_dlt-exception-*} headers); one of
 * {@code household.events} is skipped with a warning, since that topic keeps it for ever and its dead-letter topic
 * belongs to scoring (its binding has no {@code enable-dlq}). Failures are classified by the kit's {@code Failures}: a
 * permanent one (the database refusing a value) is treated as an unreadable record; a transient one (the database
 * down) is retried with the binding's back-off ({@code max-attempts}, {@code back-off-*}), each retry logged and
 * counted, then a {@code household.warnings} record is dead-lettered ({@code household.events}: retried until it
 * passes). Dead letters are replayed with {@code POST /admin/dead-letters/household.warnings.dlq/replay}.
 */
@Configuration(proxyBeanMethods = false)
@Import(ListenerBindings.Infrastructure.class)
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

    /**
     * The bindings of {@code household.warnings} and {@code household.events}: read with their topics' serdes, their
     * failures classified, retried and dead-lettered as each binding's settings say.
     */
    @Bean
    ListenerBindings listenerBindings(
            KafkaTemplate<String, byte[]> kafka,
            KafkaProperties kafkaProperties,
            TopicBinding<String, HouseholdWarningEvent> householdWarnings,
            TopicBinding<String, HouseholdEvent> householdEvents,
            TopicBindings bindings,
            MeterRegistry meters) {
        return ListenerBindings.of(
                ListenerErrors.publishingWith(kafka)
                        .reserialisingAvro(kafkaProperties.getProperties())
                        .loggingRetries()
                        .countingIn(meters),
                bindings.catalogue(),
                List.of(householdWarnings, householdEvents));
    }

    /**
     * The binder's offset-lag gauge is not kept: the binder registers it again for every binding it creates (with two
     * bindings, a warning at start-up that the second registration is ignored). The consumers' own {@code
     * kafka.consumer.fetch.manager.records.lag} carries the lag, per partition.
     */
    @Bean
    MeterFilter withoutBinderOffsetGauge() {
        return MeterFilter.denyNameStartsWith("spring.cloud.stream.binder.kafka.offset");
    }

    /** {@code POST /admin/dead-letters/{dlq}/replay}: dead letters back to their topic after a fix. */
    @Bean
    RouterFunction<ServerResponse> deadLetterReplay(
            KafkaTemplate<String, byte[]> kafka, KafkaProperties kafkaProperties, TopicBindings bindings) {
        return DeadLetterReplay.routes(
                kafka, kafkaProperties.buildConsumerProperties(), bindings.catalogue(), List.of("household.warnings"));
    }
}
