package org.zhengce.scoring.streams;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.stream.binder.kafka.streams.DeserializationExceptionHandler;
import org.springframework.cloud.stream.binder.kafka.streams.properties.KafkaStreamsConsumerProperties;
import org.springframework.cloud.stream.binder.kafka.streams.properties.KafkaStreamsExtendedBindingProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;

/**
 * The topology's bindings in {@code scoring-service.yml} against the topic catalogue (the names the topology's own
 * sinks and serdes use, {@link ScoringTopology.Config}): each binding's destination is the catalogue's topic, the
 * input's dead-letter lane is the catalogue's {@code household.events.dlq} (the published models are read by the
 * topology's own global store, from the catalogue's topic: no binding). A binding that drifts stops the start-up with the property to fix.
 */
final class ScoringBindings {

    /** {@code scoreHouseholds-in-0}: the household events. */
    static final String HOUSEHOLD_EVENTS = "householdEvents";

    /** {@code scoreHouseholds-out-0}: the score changes. */
    static final String SCORES = "scores";

    /** {@code scoreHouseholds-out-1}: the warning events. */
    static final String WARNINGS = "warnings";

    private final BindingServiceProperties bindings;
    private final KafkaStreamsExtendedBindingProperties streamsBindings;

    ScoringBindings(BindingServiceProperties bindings, KafkaStreamsExtendedBindingProperties streamsBindings) {
        this.bindings = bindings;
        this.streamsBindings = streamsBindings;
    }

    /** Throws {@link IllegalStateException} naming every binding property that differs from the catalogue. */
    void verify(ScoringTopology.Config topics) {
        List<String> wrong = new ArrayList<>();
        destination(HOUSEHOLD_EVENTS, topics.householdEvents(), wrong);
        destination(SCORES, topics.scores(), wrong);
        destination(WARNINGS, topics.warnings(), wrong);
        // every record that cannot be read goes to the catalogue's lane
        KafkaStreamsConsumerProperties consumer = streamsBindings.getExtendedConsumerProperties(HOUSEHOLD_EVENTS);
        expect(consumer(HOUSEHOLD_EVENTS, "dlq-name"), consumer.getDlqName(), topics.deadLetters(), wrong);
        expect(
                consumer(HOUSEHOLD_EVENTS, "deserialization-exception-handler"),
                consumer.getDeserializationExceptionHandler(),
                DeserializationExceptionHandler.sendToDlq,
                wrong);
        if (!wrong.isEmpty()) {
            throw new IllegalStateException("scoring's bindings differ from the topic catalogue: " + wrong);
        }
    }

    /** The destination each binding names (its binding name when none is set). */
    String destinationOf(String binding) {
        return bindings.getBindingDestination(binding);
    }

    private void destination(String binding, String topic, List<String> wrong) {
        expect("spring.cloud.stream.bindings." + binding + ".destination", destinationOf(binding), topic, wrong);
    }

    private static String consumer(String binding, String property) {
        return "spring.cloud.stream.kafka.streams.bindings." + binding + ".consumer." + property;
    }

    private static void expect(String property, @Nullable Object actual, Object expected, List<String> wrong) {
        if (!Objects.equals(actual, expected)) {
            wrong.add(property + " is " + actual + ", must be " + expected);
        }
    }
}
