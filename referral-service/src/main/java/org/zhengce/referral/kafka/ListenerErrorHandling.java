package org.zhengce.referral.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.util.backoff.ExponentialBackOff;
import org.zhengce.schemas.catalogue.TopicCatalogue;

/**
 * The error handler of every listener (Spring Boot sets the one {@code CommonErrorHandler} bean on its container
 * factory). A record that cannot be read is not retried: one of {@code household.warnings} goes to
 * {@code household.warnings.dlq} (the bytes as received, the reason in the {@code kafka_dlt-exception-*} headers);
 * one of {@code household.events} is skipped with a warning, since that topic keeps it for ever and its
 * dead-letter topic belongs to scoring. Any other failure (the database down) is retried with back-off for as long
 * as it takes, never skipped.
 */
@Configuration(proxyBeanMethods = false)
class ListenerErrorHandling {

    static final String WARNINGS = "household.warnings";

    private static final Logger log = LoggerFactory.getLogger(ListenerErrorHandling.class);

    @Bean
    DefaultErrorHandler listenerErrorHandler(KafkaTemplate<String, byte[]> kafka) {
        String deadLetters = TopicCatalogue.load()
                .deadLetterTopicOf(WARNINGS)
                .orElseThrow(() -> new IllegalStateException("the catalogue names no dead-letter topic of " + WARNINGS))
                .name();
        DeadLetterPublishingRecoverer warningDeadLetters = new DeadLetterPublishingRecoverer(
                kafka, (record, e) -> new TopicPartition(deadLetters, record.partition()));
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(30_000);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        DefaultErrorHandler handler = new DefaultErrorHandler(
                (ConsumerRecord<?, ?> record, Exception e) -> {
                    if (record.topic().equals(WARNINGS)) {
                        warningDeadLetters.accept(record, e);
                    } else {
                        log.warn(
                                "skipping unreadable record {}-{}@{}: {}",
                                record.topic(),
                                record.partition(),
                                record.offset(),
                                e.getMessage());
                    }
                },
                backOff);
        handler.addNotRetryableExceptions(DeserializationException.class);
        // a failure that is retried (the database down, a bug) must be seen, not retried in silence
        handler.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception e, int attempt) {
                log.warn(
                        "{}-{}@{} failed (attempt {}), will retry: {}",
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        attempt,
                        rootCause(e));
            }

            @Override
            public void failedDelivery(ConsumerRecords<?, ?> records, Exception e, int attempt) {
                log.warn(
                        "a batch of {} record(s) failed (attempt {}), will retry: {}",
                        records.count(),
                        attempt,
                        rootCause(e));
            }
        });
        handler.setCommitRecovered(true);
        return handler;
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.toString();
    }
}
