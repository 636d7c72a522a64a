package org.zhengce.intake.pipeline;

import org.jspecify.annotations.Nullable;
import org.zhengce.intake.reading.ReadEvent;

/**
 * One event handed to the pipeline: what was read, and the payload as received (kept, sealed, if it is rejected).
 *
 * @param sourceRef where it came from, for the department and for operators: {@code line 17},
 *     {@code row 5}, {@code dept.health.events-2@1234}
 * @param traceparent the W3C trace context it arrived in (the HTTP request's span, or the department record's
 *     {@code traceparent} header), which its record on {@code household.events} carries on (ADR 0023); null for none
 */
public record Submission(
        Channel channel,
        String sourceRef,
        ReadEvent read,
        PayloadFormat format,
        byte[] payload,
        @Nullable String traceparent) {

    /** A submission outside any trace. */
    public Submission(Channel channel, String sourceRef, ReadEvent read, PayloadFormat format, byte[] payload) {
        this(channel, sourceRef, read, format, payload, null);
    }

    /** This submission in the trace of {@code traceparent}. */
    public Submission traced(@Nullable String traceparent) {
        return new Submission(channel, sourceRef, read, format, payload, traceparent);
    }
}
