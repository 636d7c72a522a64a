package org.zhengce.referral.statistics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.zhengce.referral.jurisdictions.Jurisdiction;

/**
 * The statistics of an area for the cases opened from {@code from} to {@code to} (calendar days in
 * {@code timeZone}, both included): the area's own figures in {@code total} and one entry per child jurisdiction
 * (a district's streets, a street's communities; none for a community), in code order.
 */
record AreaStatistics(
        Jurisdiction area,
        LocalDate from,
        LocalDate to,
        String timeZone,
        Instant asOf,
        AreaFigures total,
        List<AreaFigures> children) {}
