package org.zhengce.intake.departments;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A department registered to send events.
 *
 * @param code upper-case code as in EVENTS.md, e.g. {@code CIVIL_AFFAIRS}
 * @param allowedEventTypes event type names (Avro record names such as {@code EmploymentEnded}) it may report
 * @param jurisdictionScope area-code prefixes its events may concern; empty covers nothing (every event is refused
 *     {@code department.jurisdiction-scope}), the admin API refuses it
 * @param rateLimitPerSecond events per second it may send
 */
public record Department(
        String code,
        String name,
        Set<String> allowedEventTypes,
        List<String> jurisdictionScope,
        int rateLimitPerSecond,
        boolean enabled,
        Instant createdAt,
        Instant updatedAt) {

    public Department {
        allowedEventTypes = Set.copyOf(allowedEventTypes);
        jurisdictionScope = List.copyOf(jurisdictionScope);
    }
}
