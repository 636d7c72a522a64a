package org.zhengce.scoring.streams;

import java.util.Locale;

/**
 * Why scoring could not process a record it read, as the processing dead-letter lane names it (the {@code reason} of
 * {@code scoring.records.dead-lettered} and the {@value ProcessingDeadLetterGate#REASON} header): the fault is the
 * record's (or the model's on it), never the infrastructure's, which fails the task and is retried instead.
 */
final class ProcessingFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The kinds of fault, few and fixed so that the metric's tag stays small. */
    enum Reason {
        /** A fact the portrait cannot take ({@code Portraits.apply} refused it). */
        UNAPPLICABLE,
        /** The active model threw on the household's portrait. */
        MODEL,
        /** Any other exception in a processor of the topology. */
        PROCESSOR;

        /** The tag and header value: {@code unapplicable}, {@code model} or {@code processor}. */
        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;

    ProcessingFailure(Reason reason, String message, RuntimeException cause) {
        super(message + ": " + cause, cause);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
