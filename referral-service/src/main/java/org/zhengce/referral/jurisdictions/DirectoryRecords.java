package org.zhengce.referral.jurisdictions;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.JurisdictionPublished;

/**
 * The directory as the records of the {@code jurisdictions} topic: one per jurisdiction, keyed by its code, with the
 * user ids of its supervisors (smallest first, as {@link JurisdictionDirectory#supervisorOf} picks). Pure: what to
 * send is the difference between the directory and what the topic holds.
 */
final class DirectoryRecords {

    private DirectoryRecords() {}

    /** Each jurisdiction's record, by code. */
    static Map<String, JurisdictionPublished> of(
            Collection<Jurisdiction> jurisdictions, Collection<Supervisor> supervisors) {
        Map<String, List<String>> supervisorIds = supervisors.stream()
                .collect(Collectors.groupingBy(
                        Supervisor::jurisdictionCode,
                        Collectors.mapping(
                                Supervisor::id,
                                Collectors.collectingAndThen(
                                        Collectors.toList(),
                                        ids -> ids.stream().sorted().toList()))));
        Map<String, JurisdictionPublished> records = new TreeMap<>();
        for (Jurisdiction jurisdiction : jurisdictions) {
            records.put(
                    jurisdiction.code(),
                    JurisdictionPublished.newBuilder()
                            .setCode(jurisdiction.code())
                            .setName(jurisdiction.name())
                            .setLevel(org.zhengce.events.JurisdictionLevel.valueOf(
                                    jurisdiction.level().name()))
                            .setParentCode(jurisdiction.parentCode())
                            .setSupervisorIds(supervisorIds.getOrDefault(jurisdiction.code(), List.of()))
                            .build());
        }
        return records;
    }

    /**
     * What brings a topic holding {@code published} to {@code current}: each jurisdiction whose record differs or is
     * missing, and a tombstone ({@code null}) for each one the directory no longer has, by code.
     */
    static Map<String, @Nullable JurisdictionPublished> changes(
            Map<String, JurisdictionPublished> current, Map<String, JurisdictionPublished> published) {
        Map<String, @Nullable JurisdictionPublished> changes = new HashMap<>();
        current.forEach((code, record) -> {
            if (!Objects.equals(published.get(code), record)) {
                changes.put(code, record);
            }
        });
        published.keySet().stream().filter(code -> !current.containsKey(code)).forEach(code -> changes.put(code, null));
        return changes;
    }
}
