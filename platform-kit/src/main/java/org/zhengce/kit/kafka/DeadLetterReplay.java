package org.zhengce.kit.kafka;

import io.swagger.v3.oas.annotations.enums.ParameterIn;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springdoc.core.fn.builders.operation.Builder;
import org.springdoc.webflux.core.fn.SpringdocRouteBuilder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.zhengce.schemas.catalogue.TopicCatalogue;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The admin API of a service's dead letters, the one every service uses (the kit's chains give {@code /admin/**} to
 * the service's admin role; a service with an audit trail audits it with its {@code /admin/**} rule):
 *
 * <ul>
 *   <li>{@code GET /admin/dead-letters/{topic}?partition=&from=&limit=} lists the dead letters of the dead-letter
 *       topic {@code topic} (one partition from offset {@code from}, or every partition in order; at most {@code
 *       limit}, 100 unless told, 500 at most): where each is, where it was read from, when, the failure's kind and
 *       reason and exception ({@link DeadLetter}), never its value, identity numbers masked.
 *   <li>{@code POST /admin/dead-letters/{topic}/replay?partition=&from=&to=} re-publishes the records of one
 *       partition, offsets {@code from} to {@code to} inclusive ({@code to} absent: up to the partition's end; {@code
 *       from} = {@code to}: one record, 404 when there is none), each to the topic it was read from ({@code
 *       kafka_dlt-original-topic}) and partition, with its key, value bytes, original time and headers (less the
 *       dead-letter ones and the service's own, with {@value #REPLAYED_FROM} naming where it came from). A record
 *       whose original topic is not a source of the lane (the topics the service reads) is refused with 409, and
 *       nothing of the range is published; one that names no topic goes to the lane's source when it has only one.
 *       The listeners apply them as any record: idempotently, so a record replayed twice is applied once. Answers
 *       the count replayed and where each went.
 * </ul>
 *
 * 404 for a topic that is not one of the service's dead-letter topics; 400 for a bad range. A service declares the
 * routes as a bean: {@code DeadLetterReplay.routes(kafka, consumerProperties, catalogue, List.of("household.warnings"))},
 * or, for lanes the catalogue does not pair by itself, {@code DeadLetterReplay.with(kafka, consumerProperties)
 * .lane("household.events.processing.dlq", sources).ownHeaders("zhengce-dlq-").routes()}.
 */
public final class DeadLetterReplay {

    /** The path of the replay; {@code {topic}} is the dead-letter topic. */
    public static final String PATH = "/admin/dead-letters/{topic}/replay";

    /** The path of the listing. */
    public static final String LIST_PATH = "/admin/dead-letters/{topic}";

    /** Header of a replayed record: {@code <dead-letter topic>-<partition>@<offset>}. */
    public static final String REPLAYED_FROM = "platform-replayed-from";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterReplay.class);
    private static final long SEND_WITHIN_SECONDS = 30;
    private static final int MAX_RECORDS = 10_000;
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 500;
    private static final String TAG = "Dead letters";

    private final KafkaTemplate<String, byte[]> kafka;
    private final DeadLetterReader reader;
    private final Map<String, List<String>> lanes;
    private final List<String> ownHeaders;

    private DeadLetterReplay(
            KafkaTemplate<String, byte[]> kafka,
            DeadLetterReader reader,
            Map<String, List<String>> lanes,
            List<String> ownHeaders) {
        this.kafka = kafka;
        this.reader = reader;
        this.lanes = lanes;
        this.ownHeaders = ownHeaders;
    }

    /**
     * The routes that list and replay the dead-letter topics of {@code sourceTopics} (their dead-letter topics in
     * {@code catalogue}), reading with {@code consumerProperties} (the service's, e.g. {@code
     * kafkaProperties.buildConsumerProperties()}: the bootstrap servers) and publishing with {@code kafka}.
     */
    public static RouterFunction<ServerResponse> routes(
            KafkaTemplate<String, byte[]> kafka,
            Map<String, Object> consumerProperties,
            TopicCatalogue catalogue,
            List<String> sourceTopics) {
        return with(kafka, consumerProperties).lanesOf(catalogue, sourceTopics).routes();
    }

    /** A replay reading with {@code consumerProperties} and publishing with {@code kafka}, its lanes to be named. */
    public static Lanes with(KafkaTemplate<String, byte[]> kafka, Map<String, Object> consumerProperties) {
        return new Lanes(kafka, consumerProperties);
    }

    /** The dead-letter lanes a service replays, and the headers of its own it writes on them. */
    public static final class Lanes {

        private final KafkaTemplate<String, byte[]> kafka;
        private final Map<String, Object> consumerProperties;
        private final Map<String, Set<String>> lanes = new LinkedHashMap<>();
        private final List<String> ownHeaders = new ArrayList<>();

        private Lanes(KafkaTemplate<String, byte[]> kafka, Map<String, Object> consumerProperties) {
            this.kafka = kafka;
            this.consumerProperties = consumerProperties;
        }

        /** The dead-letter topic of each of {@code sourceTopics} in {@code catalogue} (the first, if several). */
        public Lanes lanesOf(TopicCatalogue catalogue, List<String> sourceTopics) {
            for (String source : sourceTopics) {
                String deadLetters = catalogue
                        .deadLetterTopicOf(source)
                        .orElseThrow(() ->
                                new IllegalStateException("the catalogue names no dead-letter topic of " + source))
                        .name();
                lane(deadLetters, List.of(source));
            }
            return this;
        }

        /** {@code deadLetterTopic} keeps bad records of {@code sourceTopics}, to which alone they are replayed. */
        public Lanes lane(String deadLetterTopic, List<String> sourceTopics) {
            if (sourceTopics.isEmpty()) {
                throw new IllegalArgumentException("a lane replays to at least one topic: " + deadLetterTopic);
            }
            lanes.computeIfAbsent(deadLetterTopic, lane -> new LinkedHashSet<>())
                    .addAll(sourceTopics);
            return this;
        }

        /**
         * Headers whose names start with {@code prefix} are the service's own on its dead letters (scoring's {@code
         * zhengce-dlq-}): shown in a listing's details, left off a replayed record.
         */
        public Lanes ownHeaders(String prefix) {
            ownHeaders.add(prefix);
            return this;
        }

        /** The routes, documented in the service's OpenAPI. */
        public RouterFunction<ServerResponse> routes() {
            Map<String, List<String>> sources = new LinkedHashMap<>();
            lanes.forEach((lane, topics) -> sources.put(lane, List.copyOf(topics)));
            DeadLetterReplay replay = new DeadLetterReplay(
                    kafka, new DeadLetterReader(consumerProperties), Map.copyOf(sources), List.copyOf(ownHeaders));
            return SpringdocRouteBuilder.route()
                    .GET(LIST_PATH, replay::list, DeadLetterReplay::documentList)
                    .POST(PATH, replay::replay, DeadLetterReplay::documentReplay)
                    .build();
        }
    }

    /** Where a dead letter was published again. */
    public record Replayed(long deadLetterOffset, String topic, int partition, long offset) {}

    private Mono<ServerResponse> list(ServerRequest request) {
        String deadLetters = request.pathVariable("topic");
        List<String> sources = lanes.get(deadLetters);
        if (sources == null) {
            return problem(HttpStatus.NOT_FOUND, "no dead-letter topic " + deadLetters + " here", request);
        }
        @Nullable Integer partition;
        long from;
        int limit;
        try {
            partition = request.queryParam("partition").map(Integer::parseInt).orElse(null);
            from = Long.parseLong(request.queryParam("from").orElse("0"));
            limit = Integer.parseInt(request.queryParam("limit").orElse(String.valueOf(DEFAULT_LIMIT)));
        } catch (NumberFormatException e) {
            return problem(HttpStatus.BAD_REQUEST, "partition, from and limit must be numbers", request);
        }
        if ((partition != null && partition < 0) || from < 0 || limit < 1 || limit > MAX_LIMIT) {
            return problem(
                    HttpStatus.BAD_REQUEST, "a partition ≥ 0, from ≥ 0 and a limit from 1 to " + MAX_LIMIT, request);
        }
        return Mono.fromCallable(() -> read(deadLetters, partition, from, limit))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(letters -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("deadLetterTopic", deadLetters);
                    body.put("sourceTopics", sources);
                    body.put("deadLetters", letters);
                    return ServerResponse.ok()
                            .contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(body);
                })
                .onErrorResume(e -> failure(e, request));
    }

    private List<DeadLetter> read(String deadLetters, @Nullable Integer partition, long from, int limit)
            throws TimeoutException {
        List<Integer> partitions = partition == null ? reader.partitions(deadLetters) : List.of(partition);
        List<DeadLetter> found = new ArrayList<>();
        for (int p : partitions) {
            if (found.size() >= limit) {
                break;
            }
            for (ConsumerRecord<String, byte[]> record :
                    reader.readFirst(new TopicPartition(deadLetters, p), from, limit - found.size())) {
                found.add(DeadLetter.of(record, ownHeaders));
            }
        }
        return found;
    }

    private Mono<ServerResponse> replay(ServerRequest request) {
        String deadLetters = request.pathVariable("topic");
        List<String> sources = lanes.get(deadLetters);
        if (sources == null) {
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
        boolean one = from == to;
        TopicPartition where = new TopicPartition(deadLetters, partition);
        return request.principal()
                .map(Principal::getName)
                .defaultIfEmpty("anonymous")
                .flatMap(by -> Mono.fromCallable(() -> republish(where, from, to, one, sources))
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMap(replayed -> {
                            log.info(
                                    "{} replayed {} dead letter(s) of {} offsets {}..{} to {}",
                                    by,
                                    replayed.size(),
                                    where,
                                    from,
                                    to == Long.MAX_VALUE ? "end" : to,
                                    replayed.stream()
                                            .map(Replayed::topic)
                                            .distinct()
                                            .toList());
                            Map<String, Object> body = new LinkedHashMap<>();
                            body.put("deadLetterTopic", deadLetters);
                            body.put("partition", partition);
                            body.put("from", from);
                            body.put("to", to);
                            body.put("topic", topicOf(replayed, sources));
                            body.put("replayed", replayed.size());
                            body.put("replayedTo", replayed);
                            return ServerResponse.ok()
                                    .contentType(MediaType.APPLICATION_JSON)
                                    .bodyValue(body);
                        }))
                .onErrorResume(e -> failure(e, request));
    }

    /** Where the records went: the one topic they all went to, else the lane's first source. */
    private static String topicOf(List<Replayed> replayed, List<String> sources) {
        List<String> topics = replayed.stream().map(Replayed::topic).distinct().toList();
        return topics.size() == 1 ? topics.get(0) : sources.get(0);
    }

    private List<Replayed> republish(TopicPartition where, long from, long to, boolean one, List<String> sources)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<ConsumerRecord<String, byte[]>> records = reader.readAll(where, from, to, MAX_RECORDS);
        if (one && records.isEmpty()) {
            throw new NoSuchDeadLetter("no dead letter at " + where + "@" + from);
        }
        // every record's destination first: a range with one record that may not be replayed publishes nothing
        List<ProducerRecord<String, byte[]>> again = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            again.add(again(where, record, sources));
        }
        List<Replayed> replayed = new ArrayList<>();
        for (int i = 0; i < again.size(); i++) {
            RecordMetadata sent = kafka.send(again.get(i))
                    .get(SEND_WITHIN_SECONDS, TimeUnit.SECONDS)
                    .getRecordMetadata();
            replayed.add(new Replayed(records.get(i).offset(), sent.topic(), sent.partition(), sent.offset()));
        }
        return replayed;
    }

    /** {@code record} as it was read from its source, to be published there again. */
    private ProducerRecord<String, byte[]> again(
            TopicPartition where, ConsumerRecord<String, byte[]> record, List<String> sources) {
        String named = DeadLetter.sourceTopic(record.headers());
        String topic;
        @Nullable Integer partition;
        if (named == null) {
            if (sources.size() != 1) {
                throw new NotReplayable("dead letter " + where + "@" + record.offset()
                        + " names no topic it was read from; only " + sources + " are replayed to");
            }
            topic = sources.get(0);
            partition = null;
        } else if (sources.contains(named)) {
            topic = named;
            partition = DeadLetter.sourcePartition(record.headers());
        } else {
            throw new NotReplayable("dead letter " + where + "@" + record.offset() + " was read from " + named
                    + "; only " + sources + " are replayed to");
        }
        Long originalTime = DeadLetter.number(record.headers(), KafkaHeaders.DLT_ORIGINAL_TIMESTAMP);
        ProducerRecord<String, byte[]> replayed = new ProducerRecord<>(
                topic,
                partition,
                originalTime != null ? originalTime : record.timestamp(),
                record.key(),
                record.value());
        for (Header header : record.headers()) {
            if (!deadLetterHeader(header.key())) {
                replayed.headers().add(header);
            }
        }
        replayed.headers().add(REPLAYED_FROM, (where + "@" + record.offset()).getBytes(StandardCharsets.UTF_8));
        return replayed;
    }

    /** A header of the dead letter rather than of the record: Spring's, the kit's, the service's own. */
    private boolean deadLetterHeader(String key) {
        return key.startsWith("kafka_dlt-")
                || key.equals(ListenerErrors.FAILURE_HEADER)
                || key.equals(ListenerErrors.REASON_HEADER)
                || key.equals(REPLAYED_FROM)
                || ownHeaders.stream().anyMatch(key::startsWith);
    }

    private static Mono<ServerResponse> failure(Throwable e, ServerRequest request) {
        if (e instanceof NoSuchDeadLetter) {
            return problem(HttpStatus.NOT_FOUND, String.valueOf(e.getMessage()), request);
        }
        if (e instanceof NotReplayable) {
            return problem(HttpStatus.CONFLICT, String.valueOf(e.getMessage()), request);
        }
        if (e instanceof IllegalArgumentException) {
            return problem(HttpStatus.BAD_REQUEST, String.valueOf(e.getMessage()), request);
        }
        if (e instanceof TimeoutException) {
            log.warn("dead letters not read or sent in time: {}", e.getMessage());
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.SERVICE_UNAVAILABLE, "Kafka did not answer in time; try again");
            problem.setInstance(request.uri());
            return ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, "10")
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .bodyValue(problem);
        }
        return Mono.error(e);
    }

    private static Mono<ServerResponse> problem(HttpStatus status, String detail, ServerRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(request.uri());
        return ServerResponse.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyValue(problem);
    }

    /** A single record named that is not there. */
    private static final class NoSuchDeadLetter extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoSuchDeadLetter(String message) {
            super(message);
        }
    }

    /** A dead letter read from a topic the service does not read. */
    private static final class NotReplayable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotReplayable(String message) {
            super(message);
        }
    }

    private static void documentList(Builder operation) {
        operation
                .operationId("listDeadLetters")
                .tag(TAG)
                .summary("The dead letters of one of the service's dead-letter topics")
                .description("Oldest first in each partition: where each is (partition, offset: what a replay names),"
                        + " where it was read from, when, the kind of failure, its reason and exception; never the"
                        + " value; identity numbers masked. Platform admin only.")
                .parameter(pathTopic())
                .parameter(query("partition", "one partition (every partition, in order, when absent)"))
                .parameter(query("from", "the first offset (0 when absent)"))
                .parameter(
                        query("limit", "at most this many (1 to " + MAX_LIMIT + ", " + DEFAULT_LIMIT + " when absent)"))
                .response(answer("200", "the dead letters"))
                .response(problemAnswer("400", "a bad partition, offset or limit"))
                .response(problemAnswer("404", "not one of the service's dead-letter topics"));
    }

    private static void documentReplay(Builder operation) {
        operation
                .operationId("replayDeadLetters")
                .tag(TAG)
                .summary("Replay dead letters to the topic each was read from, after a fix")
                .description("The records of one partition from offset `from` to `to` inclusive (`to` absent: to the"
                        + " partition's end; `from` = `to`: one record) are published again, key, value, original time"
                        + " and headers, to the topic and partition each was read from, with header "
                        + REPLAYED_FROM + ". The service applies a record once, so replaying twice changes nothing."
                        + " Platform admin only.")
                .parameter(pathTopic())
                .parameter(query("partition", "the dead-letter partition (0 when absent)"))
                .parameter(query("from", "the first offset (0 when absent)"))
                .parameter(query("to", "the last offset, inclusive (the partition's end when absent)"))
                .response(answer("200", "the count replayed and where each went"))
                .response(problemAnswer("400", "a bad partition or range, or more than " + MAX_RECORDS + " records"))
                .response(problemAnswer("404", "not one of the service's dead-letter topics, or no record at `from`"))
                .response(problemAnswer("409", "a record read from a topic the service does not read: nothing sent"));
    }

    private static org.springdoc.core.fn.builders.parameter.Builder pathTopic() {
        return org.springdoc.core.fn.builders.parameter.Builder.parameterBuilder()
                .name("topic")
                .in(ParameterIn.PATH)
                .required(true)
                .description("the dead-letter topic, e.g. household.warnings.dlq");
    }

    private static org.springdoc.core.fn.builders.parameter.Builder query(String name, String description) {
        return org.springdoc.core.fn.builders.parameter.Builder.parameterBuilder()
                .name(name)
                .in(ParameterIn.QUERY)
                .required(false)
                .description(description)
                .schema(org.springdoc.core.fn.builders.schema.Builder.schemaBuilder()
                        .type("integer"));
    }

    private static org.springdoc.core.fn.builders.apiresponse.Builder answer(String code, String description) {
        return org.springdoc.core.fn.builders.apiresponse.Builder.responseBuilder()
                .responseCode(code)
                .description(description)
                .content(org.springdoc.core.fn.builders.content.Builder.contentBuilder()
                        .mediaType(MediaType.APPLICATION_JSON_VALUE));
    }

    private static org.springdoc.core.fn.builders.apiresponse.Builder problemAnswer(String code, String description) {
        return org.springdoc.core.fn.builders.apiresponse.Builder.responseBuilder()
                .responseCode(code)
                .description(description)
                .content(org.springdoc.core.fn.builders.content.Builder.contentBuilder()
                        .mediaType(MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                        .schema(org.springdoc.core.fn.builders.schema.Builder.schemaBuilder()
                                .implementation(ProblemDetail.class)));
    }
}
