package org.zhengce.scoring.queries;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.WarningCategory;
import org.zhengce.events.WarningLevel;
import org.zhengce.scoring.streams.ShadowEntry;

/**
 * What the shadow model would change against the active one, by community, and the households it would change.
 *
 * @param activeVersion the version that scores now
 * @param shadowVersion the version in the shadow now, null when there is none (and the report is empty)
 * @param jurisdiction the area-code prefix asked for, null for all the caller sees
 * @param communities per community: households compared and how many the shadow would newly warn, clear, put in
 *     another category or at another level
 * @param households the households whose category, level or total the shadow would change
 */
record ShadowReport(
        String activeVersion,
        @Nullable String shadowVersion,
        @Nullable String jurisdiction,
        List<CommunityChanges> communities,
        List<ShadowHousehold> households) {

    static final String NEWLY_WARNED = "newly-warned";
    static final String CLEARED = "cleared";
    static final String CATEGORY_CHANGED = "category-changed";
    static final String LEVEL_CHANGED = "level-changed";
    static final String UNCHANGED = "unchanged";

    /** One community's counts. */
    record CommunityChanges(
            @Nullable String communityCode,
            int compared,
            int newlyWarned,
            int cleared,
            int categoryChanged,
            int levelChanged) {

        CommunityChanges plus(CommunityChanges other) {
            return new CommunityChanges(
                    communityCode,
                    compared + other.compared,
                    newlyWarned + other.newlyWarned,
                    cleared + other.cleared,
                    categoryChanged + other.categoryChanged,
                    levelChanged + other.levelChanged);
        }

        static CommunityChanges of(ShadowEntry entry) {
            String change = entry.change();
            return new CommunityChanges(
                    entry.communityCode(),
                    1,
                    NEWLY_WARNED.equals(change) ? 1 : 0,
                    CLEARED.equals(change) ? 1 : 0,
                    CATEGORY_CHANGED.equals(change) ? 1 : 0,
                    LEVEL_CHANGED.equals(change) ? 1 : 0);
        }
    }

    /**
     * A household the shadow would change.
     *
     * @param change newly-warned, cleared, category-changed, level-changed, or unchanged (only the total moves)
     */
    record ShadowHousehold(
            String household,
            @Nullable String communityCode,
            String change,
            String activeVersion,
            int activeTotal,
            @Nullable WarningCategory activeCategory,
            @Nullable WarningLevel activeLevel,
            String shadowVersion,
            int shadowTotal,
            @Nullable WarningCategory shadowCategory,
            @Nullable WarningLevel shadowLevel) {

        static ShadowHousehold of(ShadowEntry entry) {
            return new ShadowHousehold(
                    entry.household(),
                    entry.communityCode(),
                    entry.change(),
                    entry.activeVersion(),
                    entry.activeTotal(),
                    entry.activeCategory(),
                    entry.activeLevel(),
                    entry.shadowVersion(),
                    entry.shadowTotal(),
                    entry.shadowCategory(),
                    entry.shadowLevel());
        }
    }

    private static final Comparator<ShadowHousehold> ORDER = Comparator.comparing(
                    ShadowHousehold::communityCode, Comparator.nullsLast(Comparator.<String>naturalOrder()))
            .thenComparing(ShadowHousehold::household);

    /** The report of these entries (already narrowed to the caller and the jurisdiction asked for). */
    static ShadowReport of(
            String activeVersion,
            @Nullable String shadowVersion,
            @Nullable String jurisdiction,
            List<ShadowEntry> entries) {
        List<CommunityChanges> counts =
                entries.stream().map(CommunityChanges::of).toList();
        List<ShadowHousehold> changed = entries.stream()
                .filter(e -> !UNCHANGED.equals(e.change()) || e.activeTotal() != e.shadowTotal())
                .map(ShadowHousehold::of)
                .toList();
        return new ShadowReport(activeVersion, shadowVersion, jurisdiction, List.of(), List.of()).with(counts, changed);
    }

    /** This report and another instance's, as one (the versions of this one). */
    ShadowReport merge(ShadowReport other) {
        return with(other.communities, other.households);
    }

    private ShadowReport with(List<CommunityChanges> moreCounts, List<ShadowHousehold> moreHouseholds) {
        Map<String, CommunityChanges> byCommunity = new TreeMap<>();
        for (CommunityChanges counts : concat(communities, moreCounts)) {
            byCommunity.merge(Objects.requireNonNullElse(counts.communityCode(), ""), counts, CommunityChanges::plus);
        }
        List<ShadowHousehold> households = new ArrayList<>(concat(this.households, moreHouseholds));
        households.sort(ORDER);
        return new ShadowReport(
                activeVersion, shadowVersion, jurisdiction, List.copyOf(byCommunity.values()), List.copyOf(households));
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
