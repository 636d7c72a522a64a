package org.zhengce.intake.reporting;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.zhengce.intake.reading.ReadingLimits;

/**
 * What one department may make intake hold ({@code intake.limits.*}), on top of the sizes of
 * {@code intake.reporting.*} (an event, an NDJSON line, a stream, a file). Every breach of a size is a rejection of
 * its own rule, kept sealed; the concurrency limit and the read time-out answer without reading further.
 *
 * @param maxNestingDepth JSON objects and arrays inside each other ({@code json.nesting} above)
 * @param maxNumberLength characters of one JSON number ({@code json.number-length} above)
 * @param maxStringLength characters of one JSON string or field name ({@code json.string-length} above)
 * @param maxRowSize characters of one CSV row ({@code size.row} above: that row is rejected, the file goes on)
 * @param maxCellSize characters of one CSV cell ({@code size.cell} above)
 * @param maxBatchBytes bytes of NDJSON lines or CSV rows handed to the pipeline at once (as well as
 *     {@code intake.reporting.batch-size} events)
 * @param maxConcurrentRequestsPerDepartment submission requests of one department served at once; more get 429 with
 *     {@code Retry-After}, other departments are still served
 * @param readTimeout the longest wait for the next part of a request body, and for the whole of a single JSON event;
 *     past it the request is cut (408 for a single event)
 */
@ConfigurationProperties("intake.limits")
record LimitSettings(
        @DefaultValue("64") int maxNestingDepth,
        @DefaultValue("100") int maxNumberLength,
        @DefaultValue("1048576") int maxStringLength,
        @DefaultValue("1MB") DataSize maxRowSize,
        @DefaultValue("64KB") DataSize maxCellSize,
        @DefaultValue("8MB") DataSize maxBatchBytes,
        @DefaultValue("8") int maxConcurrentRequestsPerDepartment,
        @DefaultValue("30s") Duration readTimeout) {

    LimitSettings {
        if (maxConcurrentRequestsPerDepartment < 1) {
            throw new IllegalArgumentException(
                    "intake.limits.max-concurrent-requests-per-department must be at least 1");
        }
        if (readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("intake.limits.read-timeout must be positive");
        }
    }

    /** The readers' limits: a document may be as long as the larger of an event and an NDJSON line. */
    ReadingLimits reading(ReportingSettings reporting) {
        return new ReadingLimits(
                maxNestingDepth,
                maxNumberLength,
                maxStringLength,
                Math.max(
                        reporting.maxEventSize().toBytes(),
                        reporting.maxLineSize().toBytes()),
                (int) Math.min(Integer.MAX_VALUE, maxCellSize.toBytes()));
    }
}
