package org.zhengce.referral.statistics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.zhengce.referral.jurisdictions.Jurisdiction;
import org.zhengce.referral.jurisdictions.JurisdictionLevel;

/**
 * What a statistics request is about: an area, its child jurisdictions (none for a community), and the period of
 * cases opened, from the first day's start to the end of the last day, in {@code zone}.
 */
record StatisticsScope(Jurisdiction area, List<Jurisdiction> children, LocalDate from, LocalDate to, ZoneId zone) {

    StatisticsScope {
        children = List.copyOf(children);
    }

    /** The first instant of the period (inclusive). */
    Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The instant after the period (exclusive): the start of the day after {@code to}. */
    Instant end() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** {@code like} pattern of the community codes inside the area. */
    String communityPattern() {
        return area.code() + "%";
    }

    /**
     * The length of a child's code, the prefix of a community code cases are grouped by: a district's streets
     * (9), a street's communities (12); a community is its own only group.
     */
    int childCodeLength() {
        JurisdictionLevel level = area.level();
        return level == JurisdictionLevel.COMMUNITY
                ? level.codeLength()
                : JurisdictionLevel.values()[level.ordinal() + 1].codeLength();
    }
}
