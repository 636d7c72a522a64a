package org.zhengce.scoring.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.zhengce.events.Dimension;
import org.zhengce.events.WarningLevel;
import org.zhengce.scoring.portrait.Portrait;

/**
 * A version of the monitoring model (监测预警模型), read from its YAML document: six dimensions with caps, rules that
 * turn facts into points (with units, windows and decay), warning lines, and the category rules. Immutable and
 * thread-safe. The document's grammar and the default model are described in {@code /models/README.md}.
 *
 * <p>{@link #assess} is pure and deterministic: the same portrait at the same instant gives the same assessment, and
 * the model never reads a clock.
 */
public final class ScoringModel {

    /** The six dimensions after Wuchang's model, in order ({@code UNKNOWN} is not one). */
    public static final List<Dimension> DIMENSIONS = Arrays.stream(Dimension.values())
            .filter(d -> d != Dimension.UNKNOWN)
            .toList();

    /** Where {@link #defaultModel()} is read from, on the classpath. */
    public static final String DEFAULT_MODEL = "/models/wuchang-2026.1.yaml";

    private final String yaml;
    private final ModelReader.Definition definition;
    private final Evaluator evaluator;
    private final Map<WarningLevel, Integer> thresholds;
    private final Map<Dimension, Integer> caps;

    private ScoringModel(String yaml, ModelReader.Definition definition) {
        this.yaml = yaml;
        this.definition = definition;
        this.evaluator = new Evaluator(definition);
        // read on every event (the warning decider's lines): copied once
        this.thresholds = Collections.unmodifiableMap(new EnumMap<>(definition.thresholds()));
        this.caps = Collections.unmodifiableMap(new EnumMap<>(definition.caps()));
    }

    /**
     * The model a YAML document defines.
     *
     * @throws InvalidModelException naming every problem with its path: malformed YAML, unknown or missing fields,
     *     unknown fact types, dimensions, levels, programmes or symbols, negative caps, thresholds that do not increase,
     *     windows longer than a portrait keeps facts...
     */
    public static ScoringModel fromYaml(String yaml) {
        return new ScoringModel(yaml, ModelReader.read(yaml));
    }

    /** The model shipped with the service, {@value #DEFAULT_MODEL}. */
    public static ScoringModel defaultModel() {
        try (InputStream in = ScoringModel.class.getResourceAsStream(DEFAULT_MODEL)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_MODEL + " is not on the classpath");
            }
            return fromYaml(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULT_MODEL, e);
        }
    }

    /** The model's version, carried by every score and warning it gives. */
    public String version() {
        return definition.version();
    }

    /** The YAML document the model was read from, unchanged. */
    public String yaml() {
        return yaml;
    }

    /**
     * How often households that had an application rejected or left a programme are re-scored at least (the Changning
     * plan: quarterly), from {@code rescreening.interval}; P90D when the document does not say.
     */
    public Duration rescreenInterval() {
        return definition.rescreenInterval();
    }

    /** The warning lines on the total, by level, lowest first. */
    public Map<WarningLevel, Integer> thresholds() {
        return thresholds;
    }

    /** The cap of each dimension. */
    public Map<Dimension, Integer> caps() {
        return caps;
    }

    /** The time zone in which days (ages, the end of a programme's period) are counted. */
    public ZoneId zone() {
        return definition.zone();
    }

    /**
     * The household's score at {@code now}, with every reason, its category and level, and when it will next change if
     * no new event comes.
     */
    public Assessment assess(Portrait portrait, Instant now) {
        return evaluator.assess(portrait, now);
    }

    /** The evaluator (for the tests that compare the next change with the search). */
    Evaluator evaluator() {
        return evaluator;
    }

    @Override
    public String toString() {
        return "ScoringModel[" + version() + "]";
    }
}
