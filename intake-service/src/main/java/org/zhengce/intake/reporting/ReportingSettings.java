package org.zhengce.intake.reporting;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the HTTP ways in ({@code intake.reporting.*}).
 *
 * @param maxEventSize the largest single JSON event (413 above)
 * @param maxLineSize the largest NDJSON line or CSV row (that line is rejected, the others still read)
 * @param maxEventsPerStream events one NDJSON stream may carry
 * @param maxFileSize the largest CSV file (413 above)
 * @param batchSize events handed to the pipeline at once
 * @param batchWait how long a stream waits to fill a batch before sending a smaller one
 * @param maxConcurrentRequests event requests served at once; more get 429
 */
@ConfigurationProperties("intake.reporting")
record ReportingSettings(
        @DefaultValue("1MB") DataSize maxEventSize,
        @DefaultValue("1MB") DataSize maxLineSize,
        @DefaultValue("100000") int maxEventsPerStream,
        @DefaultValue("512MB") DataSize maxFileSize,
        @DefaultValue("500") int batchSize,
        @DefaultValue("20ms") Duration batchWait,
        @DefaultValue("64") int maxConcurrentRequests) {}
