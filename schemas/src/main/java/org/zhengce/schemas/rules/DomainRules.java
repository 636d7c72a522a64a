package org.zhengce.schemas.rules;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zhengce.schemas.registry.DataContract;
import org.zhengce.schemas.registry.Rule;
import org.zhengce.schemas.rules.CelPrograms.RuleEvaluationException;

/**
 * Runs a version's domain rules on a value being written or read, as Confluent's serdes do (ADR 0029).
 *
 * <p>The enabled rules of the direction run in the contract's order when writing, in reverse when reading. A {@code
 * CEL} rule sees the value as {@code message}; a {@code CEL_FIELD} rule runs on each field ({@link FieldRules}).
 * {@code CONDITION}: the expression must give {@code true}; {@code TRANSFORM}: its result is the new value (a field
 * transform is skipped when one of the same tags ran before it: on writing an earlier rule, on reading a later one, as
 * Confluent's {@code FieldRuleExecutor} does). Then the rule's action runs:
 * {@code onSuccess} when it held, {@code onFailure} when it did not or could not run (its expression does not compile,
 * fails, or gives no boolean); {@code "WRITE_ACTION,READ_ACTION"} names one per direction for {@code WRITEREAD}.
 * Actions: {@code NONE} (the default on success), {@code ERROR} (the default on failure: {@link RuleFailedException}),
 * {@code DLQ} (the record to the rule's {@code dlq.topic}, see {@link RuleDeadLetters}, then {@link
 * RuleFailedException}). Rule types other than {@code CEL} and {@code CEL_FIELD} fail, as Confluent's serdes fail
 * without their executor; migration rules are not run.
 *
 * <p>Transforms of generated records build them by class name: Avro must trust the generated classes ({@code
 * org.zhengce.schemas.serde.GeneratedClassTrust}, which the serde installs). Thread-safe; closes the dead-letter
 * producer it made.
 */
public final class DomainRules implements AutoCloseable {

    /** Serde config key: the {@code Producer<byte[], byte[]>} that {@code DLQ} actions send with. */
    public static final String DLQ_PRODUCER = "rule.dlq.producer";

    private static final Logger log = LoggerFactory.getLogger(DomainRules.class);

    private final CelPrograms programs = new CelPrograms();
    private final RuleDeadLetters deadLetters;

    /** Rules whose {@code DLQ} actions send as {@code configs} say (the serde's own config). */
    public DomainRules(Map<String, ?> configs) {
        this.deadLetters = new RuleDeadLetters(configs);
    }

    /** Where a value is being written or read: {@code mode} is {@code WRITE} or {@code READ}. */
    public record Context(String topic, String subject, String mode) {}

    /**
     * Runs the rules of {@code contract} that apply on writing {@code value} (of {@code schema}) to {@code topic};
     * returns the value to write, transformed when a transform rule changed it (a copy: the caller's value is never
     * changed).
     */
    public Object onWrite(
            String topic,
            String subject,
            Schema schema,
            DataContract contract,
            Object value,
            @Nullable Headers headers) {
        return run(new Context(topic, subject, "WRITE"), schema, contract, value, null, headers);
    }

    /** Runs the rules of {@code contract} that apply on reading {@code value}; {@code payload} is what was read. */
    public Object onRead(
            String topic,
            String subject,
            Schema schema,
            DataContract contract,
            Object value,
            byte[] payload,
            @Nullable Headers headers) {
        return run(new Context(topic, subject, "READ"), schema, contract, value, payload, headers);
    }

    private Object run(
            Context context,
            Schema schema,
            DataContract contract,
            Object original,
            byte @Nullable [] payload,
            @Nullable Headers headers) {
        boolean write = "WRITE".equals(context.mode());
        List<Rule> rules = contract.domainRules();
        GenericData data = dataOf(original);
        Object value = original;
        boolean copied = false;
        for (int step = 0; step < rules.size(); step++) {
            int index = write ? step : rules.size() - 1 - step;
            Rule rule = rules.get(index);
            if (rule.disabled() || !rule.runsOn(write) || overridden(rules, index, write)) {
                continue;
            }
            boolean transform = "TRANSFORM".equals(rule.kind());
            if (transform && !copied && "CEL_FIELD".equals(rule.type())) {
                value = data.deepCopy(schema, value);
                copied = true;
            }
            String failure = null;
            try {
                Object result = execute(rule, schema, contract, value, data);
                if (transform) {
                    copied |= result != value;
                    value = result;
                }
            } catch (RuleEvaluationException | RuntimeException e) {
                failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                log.debug("rule {} failed on {} of {}: {}", rule.name(), context.mode(), context.topic(), failure);
            }
            String action = Rule.actionFor(failure == null ? rule.onSuccess() : rule.onFailure(), rule.mode(), write);
            act(
                    action == null ? (failure == null ? "NONE" : "ERROR") : action,
                    rule,
                    context,
                    failure,
                    value,
                    schema,
                    data,
                    payload,
                    headers);
        }
        return value;
    }

    private Object execute(Rule rule, Schema schema, DataContract contract, Object value, GenericData data)
            throws RuleEvaluationException {
        boolean condition = "CONDITION".equals(rule.kind());
        if (!condition && !"TRANSFORM".equals(rule.kind())) {
            throw new RuleEvaluationException("unknown rule kind " + rule.kind());
        }
        switch (rule.type()) {
            case "CEL" -> {
                boolean ignoreGuard = Boolean.parseBoolean(rule.params().get(CelPrograms.IGNORE_GUARD_SEPARATOR));
                Object message = AvroCel.toCel(value, schema, data);
                CelPrograms.Outcome outcome =
                        programs.run(FieldRules.exprOf(rule), false, ignoreGuard, Map.of("message", message));
                if (condition) {
                    if (!(outcome.value() instanceof Boolean)) {
                        throw new RuleEvaluationException(
                                "condition gave a " + typeName(outcome.value()) + ", not a bool");
                    }
                    if (!Boolean.TRUE.equals(outcome.value())) {
                        throw new RuleEvaluationException("condition " + rule.expr() + " is false");
                    }
                    return value;
                }
                if (outcome.guarded() || outcome.value() == message) {
                    return value;
                }
                try {
                    Object result = AvroCel.fromCel(outcome.value(), schema, data);
                    if (result == null) {
                        throw new RuleEvaluationException("transform gave null");
                    }
                    return result;
                } catch (RuntimeException e) {
                    throw new RuleEvaluationException(
                            "transform result is not a " + schema.getFullName() + ": " + e.getMessage(), e);
                }
            }
            case "CEL_FIELD" -> {
                Object result = new FieldRules(programs, rule, contract.tags()).walk(value, schema, data);
                return result == null ? value : result;
            }
            default -> throw new RuleEvaluationException("no executor for rule type " + rule.type());
        }
    }

    private void act(
            String action,
            Rule rule,
            Context context,
            @Nullable String failure,
            Object value,
            Schema schema,
            GenericData data,
            byte @Nullable [] payload,
            @Nullable Headers headers) {
        switch (action) {
            case "NONE" -> {}
            case "ERROR" ->
                throw new RuleFailedException(
                        rule.name(), context.mode(), failure == null ? "its action is ERROR" : failure, null);
            case "DLQ" -> {
                try {
                    byte[] dead = payload != null ? payload : json(value, schema, data);
                    deadLetters.send(
                            rule.params().get(RuleDeadLetters.DLQ_TOPIC), dead, headers, context, rule.name(), failure);
                } catch (RuntimeException e) {
                    throw new RuleFailedException(
                            rule.name(),
                            context.mode(),
                            (failure == null ? "" : failure + "; ") + "not dead-lettered: " + e.getMessage(),
                            e);
                }
                throw new RuleFailedException(
                        rule.name(),
                        context.mode(),
                        (failure == null ? "its action is DLQ" : failure) + " (sent to "
                                + rule.params().get(RuleDeadLetters.DLQ_TOPIC) + ")",
                        null);
            }
            default -> throw new RuleFailedException(rule.name(), context.mode(), "unknown action " + action, null);
        }
    }

    /**
     * A field transform gives way to one with the same tags, kind, mode and type that runs before it, so the first to
     * run wins: on writing, a rule earlier in the list; on reading (the list reversed), a later one. Confluent's
     * {@code FieldRuleExecutor.areTransformsWithSameTags} is the reference; rules without tags never give way.
     */
    private static boolean overridden(List<Rule> rules, int index, boolean write) {
        Rule rule = rules.get(index);
        if (!"TRANSFORM".equals(rule.kind())
                || !"CEL_FIELD".equals(rule.type())
                || rule.tags().isEmpty()) {
            return false;
        }
        int from = write ? 0 : index + 1;
        int to = write ? index : rules.size();
        for (int other = from; other < to; other++) {
            Rule before = rules.get(other);
            if ("TRANSFORM".equals(before.kind())
                    && rule.mode().equals(before.mode())
                    && rule.type().equals(before.type())
                    && rule.tags().equals(before.tags())) {
                return true;
            }
        }
        return false;
    }

    /** The value as Avro JSON, as Confluent's DLQ action writes a value being serialised. */
    private static byte[] json(Object value, Schema schema, GenericData data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            @SuppressWarnings("unchecked")
            DatumWriter<Object> writer = (DatumWriter<Object>) data.createDatumWriter(schema);
            Encoder encoder = EncoderFactory.get().jsonEncoder(schema, out);
            writer.write(value, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the value as JSON", e);
        }
        return out.toByteArray();
    }

    private static GenericData dataOf(Object value) {
        if (value instanceof SpecificRecord) {
            return SpecificData.getForClass(value.getClass());
        }
        return GenericData.get();
    }

    private static String typeName(@Nullable Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }

    @Override
    public void close() {
        deadLetters.close();
    }
}
