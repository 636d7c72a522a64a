package org.zhengce.intake.topics;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;
import org.zhengce.intake.pipeline.IntakePipeline;
import org.zhengce.kit.kafka.ListenerErrors;

/**
 * The department topics' error handler, the kit's {@link ListenerErrors}, classifying each failure with the kit's
 * {@code Failures}:
 *
 * <ul>
 *   <li><b>permanent</b> (a failure the pipeline did not expect, for one record: bad records themselves are rejected
 *       and kept by the pipeline and never fail): that record is kept sealed by the pipeline and dead-lettered at once
 *       ({@link SealedDeadLetters}), and the partition goes on.
 *   <li><b>transient</b> (the database, the registry or Kafka unavailable, an event not yet confirmed on {@code
 *       household.events}): retried with exponential back-off (0.5 s doubling to 30 s) for as long as it takes,
 *       counted in {@code platform.listener.retries} and shown by the alarm gauge {@code
 *       platform.listener.records.in-retry}. Not bounded: the record is the department's, kept on its topic; setting
 *       it aside after n attempts would publish a household's later events before it (a move before the registration)
 *       and, while the database is down, could not even be kept (see the README, "Departments that produce to Kafka").
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class TopicConsumption {

    private static final String DEAD_LETTERS = "dept.events.dlq";

    @Bean
    DefaultErrorHandler departmentTopicErrorHandler(
            KafkaTemplate<String, byte[]> kafka, IntakePipeline pipeline, MeterRegistry meters) {
        ExponentialBackOff untilItPasses = new ExponentialBackOff(500, 2.0);
        untilItPasses.setMaxInterval(30_000);
        untilItPasses.setMaxElapsedTime(Long.MAX_VALUE);
        return ListenerErrors.publishingWith(new SealedDeadLetters(kafka, pipeline))
                .countingIn(meters)
                .loggingRetries()
                .backingOff(Duration.ofMillis(500), 2.0, Duration.ofSeconds(30))
                // partition -1: the letter is never sent as it is (the pipeline keeps it and writes its own)
                .handler((record, failure) -> new TopicPartition(DEAD_LETTERS, -1), untilItPasses);
    }
}
