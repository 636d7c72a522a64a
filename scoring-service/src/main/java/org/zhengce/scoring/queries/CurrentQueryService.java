package org.zhengce.scoring.queries;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.streams.KafkaStreamsInteractiveQueryService;

/**
 * Spring Kafka's interactive-query service for the streams running now. The service keeps the {@link KafkaStreams}
 * it first sees, and the factory bean makes a new one each time it starts again (a lifecycle restart; a test
 * context paused and resumed), so there is one service per {@link KafkaStreams}.
 */
final class CurrentQueryService implements StreamsBuilderFactoryBean.Listener {

    private final StreamsBuilderFactoryBean streams;
    private final RetryTemplate retry;
    private volatile KafkaStreamsInteractiveQueryService current;

    CurrentQueryService(StreamsBuilderFactoryBean streams, RetryTemplate retry) {
        this.streams = streams;
        this.retry = retry;
        this.current = create();
        streams.addListener(this);
    }

    KafkaStreamsInteractiveQueryService get() {
        return current;
    }

    @Override
    public void streamsAdded(String id, KafkaStreams kafkaStreams) {
        current = create();
    }

    private KafkaStreamsInteractiveQueryService create() {
        KafkaStreamsInteractiveQueryService service = new KafkaStreamsInteractiveQueryService(streams);
        service.setRetryTemplate(retry);
        return service;
    }
}
