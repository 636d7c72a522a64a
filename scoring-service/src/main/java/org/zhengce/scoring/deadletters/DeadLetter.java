package org.zhengce.scoring.deadletters;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A record in the processing dead letters, as an admin sees it: where it is, where it was read from and why it failed.
 * The message has its identity numbers masked when it is written; the key is a household number or a pseudonym.
 *
 * @param partition its partition in the dead-letter topic
 * @param offset its offset there (with the partition, what a replay names)
 * @param key the record's key
 * @param timestamp the record's time, as it was read
 * @param sourceTopic the topic it was read from: {@code household.events} or one of scoring's repartition topics
 * @param reason the kind of fault: unapplicable, model or processor
 * @param exceptionClass the exception's class
 * @param processor the processor that failed on it
 */
public record DeadLetter(
        int partition,
        long offset,
        @Nullable String key,
        Instant timestamp,
        @Nullable String sourceTopic,
        @Nullable Integer sourcePartition,
        @Nullable Long sourceOffset,
        @Nullable String reason,
        @Nullable String exceptionClass,
        @Nullable String message,
        @Nullable String processor) {}
