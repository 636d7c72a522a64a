package org.zhengce.scoring.streams;

import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scoring's {@code processing.exception.handler} (Kafka Streams 4.1, KIP-1033): told of every exception a processor
 * throws, it logs it with identity numbers masked (Kafka's own handlers log the message as it is) and answers:
 *
 * <ul>
 *   <li>for a record, {@code FAIL}: the failure goes up to the {@link ProcessingDeadLetterGate} after the record's
 *       source, which writes the record to the processing dead-letter lane in the task's transaction and goes on with
 *       the next one. (4.1 gives a handler no way to write in that transaction: {@code Response.resume(deadLetters)}
 *       and {@code errors.dead.letter.queue.topic.name}, KIP-1034, come with 4.2; see ADR 0017.)
 *   <li>for a punctuation (no source topic), {@code CONTINUE}: that tick stops and the next one tries again, rather
 *       than the stream thread dying. The scorer's ticks catch a household's failure themselves, so this is the net.
 * </ul>
 */
public final class ProcessingFailures implements ProcessingExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProcessingFailures.class);

    @Override
    public void configure(Map<String, ?> configs) {
        // nothing to configure: the lane is the topology's
    }

    @Override
    public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        String message = ProcessingDeadLetterGate.masked(exception.getMessage());
        if (context.topic() == null) {
            log.error(
                    "a punctuation of {} in task {} failed, the next tick tries again: {}: {}",
                    context.processorNodeId(),
                    context.taskId(),
                    exception.getClass().getName(),
                    message);
            return ProcessingHandlerResponse.CONTINUE;
        }
        log.debug(
                "processor {} failed on {}-{}@{}: {}: {}",
                context.processorNodeId(),
                context.topic(),
                context.partition(),
                context.offset(),
                exception.getClass().getName(),
                message);
        return ProcessingHandlerResponse.FAIL;
    }
}
