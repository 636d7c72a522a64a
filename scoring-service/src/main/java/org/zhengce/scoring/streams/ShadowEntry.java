package org.zhengce.scoring.streams;

import org.jspecify.annotations.Nullable;
import org.zhengce.events.WarningCategory;
import org.zhengce.events.WarningLevel;

/** What the shadow model says of a household beside what the active one says. */
public record ShadowEntry(
        String household,
        @Nullable String communityCode,
        String activeVersion,
        int activeTotal,
        @Nullable WarningCategory activeCategory,
        @Nullable WarningLevel activeLevel,
        String shadowVersion,
        int shadowTotal,
        @Nullable WarningCategory shadowCategory,
        @Nullable WarningLevel shadowLevel) {

    /** newly-warned, cleared, category-changed, level-changed or unchanged. */
    public String change() {
        boolean active = activeCategory != null;
        boolean shadow = shadowCategory != null;
        if (!active && shadow) {
            return "newly-warned";
        }
        if (active && !shadow) {
            return "cleared";
        }
        if (active && activeCategory != shadowCategory) {
            return "category-changed";
        }
        if (active && activeLevel != shadowLevel) {
            return "level-changed";
        }
        return "unchanged";
    }
}
