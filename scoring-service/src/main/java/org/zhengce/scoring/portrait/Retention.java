package org.zhengce.scoring.portrait;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a portrait keeps, so that a household's state is bounded by design: per kind of fact (its event type, e.g.
 * {@code MedicalExpenseSettled}) at most {@link Rule#maxCount()} facts, the newest, and none that happened more than
 * {@link Rule#maxAge()} before the latest event applied (long-lived facts aside: certified illnesses, disabilities,
 * ongoing programmes); and the platform event ids of the last {@link #appliedEventsKept()} events applied.
 *
 * <p>The defaults ({@link #DEFAULT}) follow the model: {@link Portraits#RETENTION} is the longest window a model may
 * use ({@code ModelReader} refuses a longer one), and {@value Portraits#FACTS_KEPT_PER_KIND} facts of a kind are more
 * than any rule of the model counts before its cap. With every one of the 26 kinds at its count, a household's stored
 * record stays under the bound its test states (see the README's state section).
 *
 * @param kinds rules by event type (matched ignoring case and dashes: {@code medical-expense-settled} too)
 * @param otherwise the rule of every kind {@code kinds} does not name
 */
public record Retention(Map<String, Rule> kinds, Rule otherwise, int appliedEventsKept) {

    /** At most {@code maxCount} facts of the kind, none older than {@code maxAge} before the latest event. */
    public record Rule(int maxCount, Duration maxAge) {
        public Rule {
            Objects.requireNonNull(maxAge, "maxAge");
            if (maxCount < 1) {
                throw new IllegalArgumentException("a retention's max count must be at least 1, is " + maxCount);
            }
            if (maxAge.isNegative() || maxAge.isZero()) {
                throw new IllegalArgumentException("a retention's max age must be positive, is " + maxAge);
            }
        }
    }

    /** The default rule of every kind: {@link Portraits#FACTS_KEPT_PER_KIND}, {@link Portraits#RETENTION}. */
    public static final Rule DEFAULT_RULE = new Rule(Portraits.FACTS_KEPT_PER_KIND, Portraits.RETENTION);

    /** Every kind at {@link #DEFAULT_RULE}, the last {@value Portraits#APPLIED_EVENTS_KEPT} ids. */
    public static final Retention DEFAULT = new Retention(Map.of(), DEFAULT_RULE, Portraits.APPLIED_EVENTS_KEPT);

    public Retention {
        // by the event types' own names, so that a fact's rule is one look-up; a kind no event type has is refused
        Map<String, String> known = new HashMap<>();
        for (String type : Fact.typesByEvent().keySet()) {
            known.put(normalised(type), type);
        }
        Map<String, Rule> byType = new HashMap<>();
        kinds.forEach((kind, rule) -> {
            String type = known.get(normalised(kind));
            if (type == null) {
                throw new IllegalArgumentException("scoring.retention." + kind + " names no kind of fact; kinds: "
                        + new java.util.TreeSet<>(Fact.typesByEvent().keySet()));
            }
            byType.put(type, Objects.requireNonNull(rule, kind));
        });
        kinds = Map.copyOf(byType);
        Objects.requireNonNull(otherwise, "otherwise");
        if (appliedEventsKept < 1) {
            throw new IllegalArgumentException("applied events kept must be at least 1, is " + appliedEventsKept);
        }
    }

    /** The rule of facts reported by {@code eventType} (the record name, e.g. {@code MedicalExpenseSettled}). */
    public Rule of(String eventType) {
        Rule rule = kinds.get(eventType);
        return rule == null ? otherwise : rule;
    }

    private static String normalised(String kind) {
        return kind.replace("-", "").toLowerCase(Locale.ROOT);
    }
}
