package org.zhengce.intake.topics;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * A failed batch of a department topic (the database or Kafka unavailable, an event still pending) is retried with
 * exponential back-off for as long as it takes, never skipped: skipping would lose events. Bad records do not fail
 * a batch: the pipeline rejects and keeps them.
 */
@Configuration(proxyBeanMethods = false)
class TopicConsumption {

    @Bean
    DefaultErrorHandler departmentTopicErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(30_000);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        return new DefaultErrorHandler(backOff);
    }
}
