package org.zhengce.schemas.registry;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One rule of a data contract's rule set, as Confluent's registry stores it ({@code name}, {@code kind}, {@code mode},
 * {@code type}, {@code tags}, {@code params}, {@code expr}, {@code onSuccess}, {@code onFailure}, {@code disabled}).
 *
 * @param kind {@code CONDITION} (the expression must hold) or {@code TRANSFORM} (it gives the new value)
 * @param mode {@code WRITE}, {@code READ}, {@code WRITEREAD} for domain rules; {@code UPGRADE}, {@code DOWNGRADE},
 *     {@code UPDOWN} for migration rules
 * @param type the executor: {@code CEL}, {@code CEL_FIELD} (others are kept and not run here)
 * @param tags the field tags a field rule is limited to; empty: every field
 * @param onSuccess the action when the rule holds, or {@code null} (none); {@code "W,R"} names one per direction
 * @param onFailure the action when it does not, or {@code null} (an error); {@code "W,R"} as above
 */
public record Rule(
        String name,
        @Nullable String doc,
        String kind,
        String mode,
        String type,
        Set<String> tags,
        Map<String, String> params,
        @Nullable String expr,
        @Nullable String onSuccess,
        @Nullable String onFailure,
        boolean disabled) {

    public Rule {
        kind = kind.toUpperCase(Locale.ROOT);
        mode = mode.toUpperCase(Locale.ROOT);
        type = type.toUpperCase(Locale.ROOT);
        tags = Set.copyOf(tags);
        params = Map.copyOf(params);
    }

    /** A rule with no doc, tags or parameters, enabled. */
    public static Rule of(
            String name,
            String kind,
            String mode,
            String type,
            String expr,
            @Nullable String onSuccess,
            @Nullable String onFailure) {
        return new Rule(name, null, kind, mode, type, Set.of(), Map.of(), expr, onSuccess, onFailure, false);
    }

    /** This rule limited to fields carrying one of {@code fieldTags}. */
    public Rule withTags(Set<String> fieldTags) {
        return new Rule(name, doc, kind, mode, type, fieldTags, params, expr, onSuccess, onFailure, disabled);
    }

    /** This rule with {@code parameters} (a DLQ action's {@code dlq.topic}, say). */
    public Rule withParams(Map<String, String> parameters) {
        return new Rule(name, doc, kind, mode, type, tags, parameters, expr, onSuccess, onFailure, disabled);
    }

    /** Whether the rule runs when writing ({@code write}) or reading. */
    public boolean runsOn(boolean write) {
        return switch (mode) {
            case "WRITEREAD" -> true;
            case "WRITE" -> write;
            case "READ" -> !write;
            default -> false;
        };
    }

    /** The action named for this direction: {@code onSuccess}/{@code onFailure} may say {@code "WRITE,READ"}. */
    public static @Nullable String actionFor(@Nullable String actions, String mode, boolean write) {
        if (actions == null || actions.isBlank()) {
            return null;
        }
        List<String> parts = List.of(actions.split(","));
        if (parts.size() == 2 && "WRITEREAD".equals(mode)) {
            return parts.get(write ? 0 : 1).strip().toUpperCase(Locale.ROOT);
        }
        return actions.strip().toUpperCase(Locale.ROOT);
    }
}
