package org.zhengce.intake.reporting;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A CSV submission's summary; the per-row results are at {@code GET /submissions/{id}/rows}.
 *
 * @param status COMPLETED, or REJECTED when the whole file was refused (see {@code problem})
 * @param rejected rows rejected or in conflict with an accepted event
 * @param pending rows stored but not yet confirmed on Kafka, or not taken because a service intake depends on was
 *     unavailable (row status {@code unavailable}): send the file again later to learn their answer
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubmissionReport(
        UUID id,
        String department,
        String eventType,
        @Nullable String fileName,
        String charset,
        Instant receivedAt,
        @Nullable Instant completedAt,
        String status,
        @Nullable String problem,
        int rows,
        int accepted,
        int duplicates,
        int rejected,
        int pending) {}
