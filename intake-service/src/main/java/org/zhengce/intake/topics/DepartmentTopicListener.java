package org.zhengce.intake.topics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.zhengce.intake.departments.Department;
import org.zhengce.intake.departments.DepartmentNotFoundException;
import org.zhengce.intake.departments.DepartmentRegistry;
import org.zhengce.intake.pipeline.Channel;
import org.zhengce.intake.pipeline.DepartmentEventDecoder;
import org.zhengce.intake.pipeline.IntakePipeline;
import org.zhengce.intake.pipeline.Outcome;
import org.zhengce.intake.pipeline.PayloadFormat;
import org.zhengce.intake.pipeline.Submission;
import org.zhengce.kit.kafka.BatchFailures;
import org.zhengce.kit.tracing.TraceParent;
import reactor.core.publisher.Mono;

/**
 * Reads the departments' own topics ({@code dept.<code>.events}, Avro in the Confluent wire format) through the same
 * pipeline as HTTP. The topic names the sender: an event on {@code dept.health.events} is HEALTH's, and must say so.
 * Offsets are committed only past records that are accepted, a duplicate or kept as rejected (garbage bytes
 * included). A failure is narrowed to the record it happened on ({@link BatchFailures}) and handed to the error handler
 * ({@link TopicConsumption}): one still pending on Kafka, or not taken while the registry or the database is down (an
 * event that could not be prepared for a transient reason is never rejected), is read again with back-off (the ledger
 * makes it idempotent); one the pipeline failed on unexpectedly is kept sealed and dead-lettered. Nothing is lost and
 * a bad record never blocks the partition.
 */
@Component
class DepartmentTopicListener {

    /** {@code dept.<code>.events}, where code is the department code in lower case with dashes. */
    static final String TOPICS = "dept\\.[a-z0-9-]+\\.events";

    private static final Logger log = LoggerFactory.getLogger(DepartmentTopicListener.class);
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final IntakePipeline pipeline;
    private final DepartmentEventDecoder decoder;
    private final DepartmentRegistry registry;

    DepartmentTopicListener(IntakePipeline pipeline, DepartmentEventDecoder decoder, DepartmentRegistry registry) {
        this.pipeline = pipeline;
        this.decoder = decoder;
        this.registry = registry;
    }

    @KafkaListener(
            id = "intake-department-topics",
            // intake.topics.group, not spring.kafka.consumer.group-id: the Spring Cloud Stream binder on the class
            // path warns at every start that it ignores that setting for its own bindings
            groupId = "${intake.topics.group:intake-service}",
            topicPattern = TOPICS,
            batch = "true",
            autoStartup = "${intake.topics.consume:true}")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        // a failure names its record, so the error handler retries or sets aside that one alone (TopicConsumption)
        BatchFailures.applyNamingTheFailed(records, this::take);
    }

    private void take(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, List<ConsumerRecord<String, byte[]>>> byTopic = new LinkedHashMap<>();
        records.forEach(record ->
                byTopic.computeIfAbsent(record.topic(), t -> new ArrayList<>()).add(record));
        byTopic.forEach((topic, ofTopic) -> {
            Department sender = sender(departmentCode(topic));
            List<Submission> submissions = new ArrayList<>(ofTopic.size());
            for (ConsumerRecord<String, byte[]> record : ofTopic) {
                byte[] value = record.value() == null ? new byte[0] : record.value();
                submissions.add(new Submission(
                        Channel.TOPIC,
                        record.topic() + "-" + record.partition() + "@" + record.offset(),
                        decoder.decode(value),
                        PayloadFormat.AVRO,
                        value,
                        // the department's trace goes on: its record's traceparent, when it sent one
                        TraceParent.of(record.headers())));
            }
            List<Outcome> outcomes = pipeline.receive(sender, submissions).block(TIMEOUT);
            long pending = outcomes == null
                    ? submissions.size()
                    : outcomes.stream()
                            .filter(o -> o instanceof Outcome.Pending || o instanceof Outcome.Unavailable)
                            .count();
            if (pending > 0) {
                throw new NotYetTaken(pending + " events of " + topic
                        + " not yet confirmed on household.events, or not taken while a service intake depends on"
                        + " was unavailable; they are read again");
            }
            log.debug("{} records of {} through intake", ofTopic.size(), topic);
        });
    }

    /** Events not yet taken, for a transient reason: their records are read again (Kafka's retriable kind). */
    static final class NotYetTaken extends RetriableException {

        NotYetTaken(String message) {
            super(message);
        }
    }

    /** {@code dept.human-resources-social-security.events} → {@code HUMAN_RESOURCES_SOCIAL_SECURITY}. */
    static String departmentCode(String topic) {
        String middle = topic.substring("dept.".length(), topic.length() - ".events".length());
        return middle.replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /** The registered department, or (for a topic of a department nobody registered) a disabled stand-in. */
    private Department sender(String code) {
        return registry.get(code)
                .onErrorResume(
                        DepartmentNotFoundException.class,
                        unknown -> Mono.just(new Department(
                                code,
                                code + " (not registered)",
                                Set.of(),
                                List.of(),
                                1,
                                false,
                                Instant.EPOCH,
                                Instant.EPOCH)))
                .blockOptional(TIMEOUT)
                .orElseThrow();
    }
}
