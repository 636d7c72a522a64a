package org.zhengce.kit.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.zhengce.schemas.catalogue.TopicCatalogue;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The admin API that replays a service's dead letters after a fix: {@code POST
 * /admin/dead-letters/{topic}/replay?partition=&from=&to=} (the kit's chains give {@code /admin/**} to the service's
 * admin role) re-publishes the records of one partition of the dead-letter topic {@code topic}, offsets {@code from}
 * to {@code to} inclusive ({@code to} absent: up to the partition's end), to their source topic with their key,
 * value bytes and headers (less the dead-letter ones, with {@value #REPLAYED_FROM} naming where each came from).
 * The listeners apply them as any record: idempotently, so a record replayed twice is applied once. Answers the
 * count replayed; 404 for a topic that is not one of the service's dead-letter topics; 400 for a bad range. A service
 * declares the routes as a bean: {@code DeadLetterReplay.routes(kafka, consumerProperties, catalogue,
 * List.of("household.warnings"))}.
 */
public final class DeadLetterReplay {

    /** The path of the API; {@code {topic}} is the dead-letter topic. */
    public static final String PATH = "/admin/dead-letters/{topic}/replay";

    /** Header of a replayed record: {@code <dead-letter topic>-<partition>@<offset>}. */
    public static final String REPLAYED_FROM = "platform-replayed-from";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterReplay.class);
    private static final Duration READ_WITHIN = Duration.ofSeconds(30);
    private static final int MAX_RECORDS = 10_000;

    private final KafkaTemplate<String, byte[]> kafka;
    private final Map<String, Object> consumerProperties;
    private final Map<String, String> sources;

    private DeadLetterReplay(
            KafkaTemplate<String, byte[]> kafka, Map<String, Object> consumerProperties, Map<String, String> sources) {
        this.kafka = kafka;
        this.consumerProperties = consumerProperties;
        this.sources = sources;
    }

    /**
     * The routes that replay the dead-letter topics of {@code sourceTopics} (their dead-letter topics in {@code
     * catalogue}), reading with {@code consumerProperties} (the service's, e.g. {@code
     * kafkaProperties.buildConsumerProperties()}: the bootstrap servers) and publishing with {@code kafka}.
     */
    public static RouterFunction<ServerResponse> routes(
            KafkaTemplate<String, byte[]> kafka,
            Map<String, Object> consumerProperties,
            TopicCatalogue catalogue,
            List<String> sourceTopics) {
        Map<String, String> sources = new LinkedHashMap<>();
        for (String source : sourceTopics) {
            String deadLetters = catalogue
                    .deadLetterTopicOf(source)
                    .orElseThrow(
                            () -> new IllegalStateException("the catalogue names no dead-letter topic of " + source))
                    .name();
            sources.put(deadLetters, source);
        }
        Map<String, Object> reading = new HashMap<>(consumerProperties);
        reading.remove(ConsumerConfig.GROUP_ID_CONFIG);
        reading.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        reading.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        reading.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        DeadLetterReplay replay = new DeadLetterReplay(kafka, Map.copyOf(reading), Map.copyOf(sources));
        return RouterFunctions.route().POST(PATH, replay::replay).build();
    }

    private Mono<ServerResponse> replay(ServerRequest request) {
        String deadLetters = request.pathVariable("topic");
        String source = sources.get(deadLetters);
        if (source == null) {
            return problem(HttpStatus.NOT_FOUND, "no dead-letter topic " + deadLetters + " here", request);
        }
        int partition;
        long from;
        long to;
        try {
            partition = Integer.parseInt(request.queryParam("partition").orElse("0"));
            from = Long.parseLong(request.queryParam("from").orElse("0"));
            to = Long.parseLong(request.queryParam("to").orElse(String.valueOf(Long.MAX_VALUE)));
        } catch (NumberFormatException e) {
            return problem(HttpStatus.BAD_REQUEST, "partition, from and to must be numbers", request);
        }
        if (partition < 0 || from < 0 || to < from) {
            return problem(HttpStatus.BAD_REQUEST, "a partition ≥ 0 and offsets 0 ≤ from ≤ to", request);
        }
        TopicPartition where = new TopicPartition(deadLetters, partition);
        return Mono.fromCallable(() -> republish(where, from, to, source))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(replayed -> {
                    log.info(
                            "replayed {} dead letter(s) of {} offsets {}..{} to {}",
                            replayed,
                            where,
                            from,
                            to == Long.MAX_VALUE ? "end" : to,
                            source);
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("deadLetterTopic", deadLetters);
                    body.put("partition", partition);
                    body.put("from", from);
                    body.put("to", to);
                    body.put("topic", source);
                    body.put("replayed", replayed);
                    return ServerResponse.ok()
                            .contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(body);
                })
                .onErrorResume(
                        IllegalArgumentException.class,
                        e -> problem(HttpStatus.BAD_REQUEST, String.valueOf(e.getMessage()), request));
    }

    private int republish(TopicPartition where, long from, long to, String source)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(consumerProperties, new StringDeserializer(), new ByteArrayDeserializer())) {
            if (consumer.partitionsFor(where.topic()).stream().noneMatch(p -> p.partition() == where.partition())) {
                throw new IllegalArgumentException("no partition " + where);
            }
            consumer.assign(List.of(where));
            long end = consumer.endOffsets(List.of(where)).get(where);
            long last = Math.min(to, end - 1);
            if (from > last) {
                return 0;
            }
            if (last - from + 1 > MAX_RECORDS) {
                throw new IllegalArgumentException("at most " + MAX_RECORDS + " records at once");
            }
            consumer.seek(where, from);
            long deadline = System.nanoTime() + READ_WITHIN.toNanos();
            while (consumer.position(where) <= last) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("could not read " + where + " up to " + last);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() >= from && record.offset() <= last) {
                        records.add(record);
                    }
                }
            }
        }
        for (ConsumerRecord<String, byte[]> record : records) {
            ProducerRecord<String, byte[]> replayed = new ProducerRecord<>(source, record.key(), record.value());
            for (Header header : record.headers()) {
                if (!header.key().startsWith("kafka_dlt-")
                        && !header.key().equals(ListenerErrors.FAILURE_HEADER)
                        && !header.key().equals(ListenerErrors.REASON_HEADER)) {
                    replayed.headers().add(header);
                }
            }
            replayed.headers().add(REPLAYED_FROM, (where + "@" + record.offset()).getBytes(StandardCharsets.UTF_8));
            kafka.send(replayed).get(READ_WITHIN.toSeconds(), TimeUnit.SECONDS);
        }
        return records.size();
    }

    private static Mono<ServerResponse> problem(HttpStatus status, String detail, ServerRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(request.uri());
        return ServerResponse.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyValue(problem);
    }
}
