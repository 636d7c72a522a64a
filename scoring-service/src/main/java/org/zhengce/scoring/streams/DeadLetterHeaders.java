package org.zhengce.scoring.streams;

/**
 * The headers scoring writes on a dead letter beside Spring Kafka's {@code kafka_dlt-*} ones (original topic,
 * partition, offset, exception class and message), for those who read the lanes.
 */
public final class DeadLetterHeaders {

    /** Why: on {@code household.events.dlq} the reason in words; on the processing lane the kind of fault. */
    public static final String REASON = "zhengce-dlq-reason";

    /** The processor node that failed on the record (processing lane). */
    public static final String PROCESSOR = "zhengce-dlq-processor";

    /** The prefix of scoring's own dead-letter headers. */
    public static final String PREFIX = "zhengce-dlq-";

    private DeadLetterHeaders() {}
}
