package org.zhengce.intake.topics;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;
import org.zhengce.intake.pipeline.IntakePipeline;
import org.zhengce.kit.failures.Failures;
import org.zhengce.kit.kafka.ListenerErrors;

/**
 * The department topics' error handler, the kit's {@link ListenerErrors}, classifying each failure with the kit's
 * {@code Failures}:
 *
 * <ul>
 *   <li><b>permanent</b> (a failure the pipeline did not expect, for one record: bad records themselves are rejected
 *       and kept by the pipeline and never fail): that record is kept sealed by the pipeline and dead-lettered at once
 *       ({@code keepSealed}), and the partition goes on.
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

    /** How long keeping a record given up on may take before it is delivered again. */
    private static final Duration KEEP_WITHIN = Duration.ofSeconds(30);

    @Bean
    DefaultErrorHandler departmentTopicErrorHandler(IntakePipeline pipeline, MeterRegistry meters) {
        ExponentialBackOff untilItPasses = new ExponentialBackOff(500, 2.0);
        untilItPasses.setMaxInterval(30_000);
        untilItPasses.setMaxElapsedTime(Long.MAX_VALUE);
        return ListenerErrors.keepingWith((record, failure) -> keepSealed(pipeline, record, failure))
                .countingIn(meters)
                .loggingRetries()
                .handler(untilItPasses);
    }

    /**
     * A department's record names persons by their identity number, so it never goes to {@code dept.events.dlq} as
     * it is: the pipeline keeps it sealed as a rejection ({@code pipeline.processable}, the failure masked) and puts
     * its masked dead letter on {@code dept.events.dlq} with the rejection's id, from where it is replayed after the
     * fix. If it cannot be kept now, the record is delivered again.
     */
    private static void keepSealed(IntakePipeline pipeline, ConsumerRecord<?, ?> record, Exception failure) {
        byte[] value = record.value() instanceof byte[] bytes ? bytes : new byte[0];
        pipeline.keepUnprocessed(
                        DepartmentTopicListener.departmentCode(record.topic()),
                        record.topic() + "-" + record.partition() + "@" + record.offset(),
                        value,
                        ListenerErrors.kind(failure) + ": " + Failures.reason(failure))
                .block(KEEP_WITHIN);
    }
}
