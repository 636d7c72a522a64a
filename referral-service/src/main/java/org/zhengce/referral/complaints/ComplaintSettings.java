package org.zhengce.referral.complaints;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import org.zhengce.events.ComplaintCategory;
import org.zhengce.referral.deadlines.Deadline;

/**
 * Complaint settings (prefix {@code referral.complaints}): for each category, how long its owner has to acknowledge
 * and to resolve a complaint ({@link Deadline} syntax: {@code 2wd} working days in {@code referral.cases.zone},
 * {@code 24h}, {@code 30d}, ISO-8601), and how often missed deadlines are looked for.
 *
 * @param categories the deadlines of every {@link ComplaintCategory} (one missing fails start-up naming it)
 * @param sweep how often missed deadlines are looked for
 */
@ConfigurationProperties("referral.complaints")
@Validated
record ComplaintSettings(
        @NotNull Map<ComplaintCategory, Window> categories,
        @NotNull Duration sweep) {

    /**
     * @param acknowledge from filing to acknowledgement
     * @param resolve from filing to resolution
     */
    record Window(@NotBlank String acknowledge, @NotBlank String resolve) {}

    /** The parsed deadlines of every category; a missing or malformed one fails start-up naming its property. */
    Map<ComplaintCategory, ComplaintDeadlines.Window> windows() {
        Map<ComplaintCategory, ComplaintDeadlines.Window> windows = new EnumMap<>(ComplaintCategory.class);
        for (ComplaintCategory category : ComplaintCategory.values()) {
            Window window = categories.get(category);
            String property = "referral.complaints.categories." + category.name();
            if (window == null) {
                throw new IllegalArgumentException(property + ": no deadlines for complaints of this category");
            }
            windows.put(
                    category,
                    new ComplaintDeadlines.Window(
                            parse(property + ".acknowledge", window.acknowledge()),
                            parse(property + ".resolve", window.resolve())));
        }
        return windows;
    }

    private static Deadline parse(String property, String value) {
        try {
            return Deadline.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(property + ": " + e.getMessage(), e);
        }
    }
}
