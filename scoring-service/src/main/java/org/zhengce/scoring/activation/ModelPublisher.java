package org.zhengce.scoring.activation;

import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.zhengce.events.ModelFormat;
import org.zhengce.events.ModelRole;
import org.zhengce.events.ScoringModelPublished;
import reactor.core.publisher.Mono;

/**
 * Publishes a model version to {@code scoring.models}, keyed by version, and completes once the broker has it
 * (acks=all). Scoring is the topic's one writer.
 */
class ModelPublisher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ModelPublisher.class);

    private final DefaultKafkaProducerFactory<String, ScoringModelPublished> producers;
    private final KafkaTemplate<String, ScoringModelPublished> template;
    private final String topic;
    private final Clock clock;

    ModelPublisher(DefaultKafkaProducerFactory<String, ScoringModelPublished> producers, String topic, Clock clock) {
        this.producers = producers;
        this.template = new KafkaTemplate<>(producers);
        this.topic = topic;
        this.clock = clock;
    }

    /** Publishes {@code yaml} as {@code version} in {@code role}, from now. */
    Mono<ScoringModelPublished> publish(
            String version, String yaml, ModelRole role, @Nullable String publishedBy, @Nullable String note) {
        ScoringModelPublished published = ScoringModelPublished.newBuilder()
                .setModelVersion(version)
                .setFormat(ModelFormat.YAML)
                .setModel(yaml)
                .setActivatedAt(Instant.now(clock))
                .setPublishedBy(publishedBy)
                .setNote(note)
                .setRole(role)
                .build();
        return Mono.fromFuture(() -> template.send(topic, version, published))
                .doOnNext(sent -> log.info("model {} published as {} by {} ({})", version, role, publishedBy, note))
                .thenReturn(published);
    }

    @Override
    public void destroy() {
        producers.destroy();
    }
}
