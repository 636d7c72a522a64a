package org.zhengce.benchmarks.scoring;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.zhengce.scoring.model.ScoringModel;

/**
 * The models a re-score benchmark switches to: the default model's YAML with a new version and
 * {@code economic.below-dibao-line} worth {@code 18 + 2 × step} points instead of 18, so that every household of
 * {@link RescoreHouseholds} (all below the dibao line) gets a new total with each switch.
 */
public final class RescoreModels {

    static final String RULE = "economic.below-dibao-line";
    static final int DEFAULT_POINTS = 18;

    private static final Pattern RULE_POINTS =
            Pattern.compile("(id: " + Pattern.quote(RULE) + "\\n(?:(?!  - id:)[\\s\\S])*?\\n    points: )(\\d+)");

    private RescoreModels() {}

    /** The version the {@code step}-th switch publishes, e.g. {@code wuchang-2026.1-bench-r1}. */
    public static String version(String run, int step) {
        return ScoringModel.defaultModel().version() + "-bench-" + run + "-s" + step;
    }

    /** The default model's YAML with {@code version} and the rule's points raised by {@code 2 × step}. */
    public static String yaml(String version, int step) {
        ScoringModel base = ScoringModel.defaultModel();
        String yaml = base.yaml().replace("version: " + base.version() + "\n", "version: " + version + "\n");
        Matcher matcher = RULE_POINTS.matcher(yaml);
        if (!matcher.find() || Integer.parseInt(matcher.group(2)) != DEFAULT_POINTS) {
            throw new IllegalStateException("the default model no longer gives " + RULE + " " + DEFAULT_POINTS
                    + " points; adjust the re-score benchmark's model switch");
        }
        String switched = matcher.replaceFirst("$1" + (DEFAULT_POINTS + 2 * step));
        ScoringModel model = ScoringModel.fromYaml(switched);
        if (!model.version().equals(version)) {
            throw new IllegalStateException("switched model says it is " + model.version() + ", not " + version);
        }
        return switched;
    }
}
