package org.zhengce.scoring.model;

/** Small model documents for tests: the frame (levels, caps, categories) with rules of the test's own. */
final class Models {

    private Models() {}

    /**
     * A model with lines 10/20/30/40, every dimension capped at {@code cap}, DIBAO as the only assistance programme and
     * no early-warning edge, with the given rules (YAML list items, indented by two spaces).
     */
    static ScoringModel withRules(int cap, String rules) {
        return ScoringModel.fromYaml(frame("test-1", cap, rules));
    }

    static String frame(String version, int cap, String rules) {
        return """
                version: %s
                levels: {BLUE: 10, YELLOW: 20, ORANGE: 30, RED: 40}
                dimensions:
                  AGE_STRUCTURE: {cap: %d}
                  ECONOMIC_SITUATION: {cap: %d}
                  HEALTH: {cap: %d}
                  DISABILITY_AND_CARE: {cap: %d}
                  EMPLOYMENT: {cap: %d}
                  LIVING_CONDITIONS: {cap: %d}
                rules:
                %s
                categories:
                  assistanceProgrammes: [DIBAO]
                  dependants: {ageBelow: 16, ageAtLeast: 60}
                  earlyWarning: {level: BLUE, edges: []}
                """.formatted(version, cap, cap, cap, cap, cap, cap, rules);
    }
}
