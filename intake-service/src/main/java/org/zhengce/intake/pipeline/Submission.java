package org.zhengce.intake.pipeline;

import org.zhengce.intake.reading.ReadEvent;

/**
 * One event handed to the pipeline: what was read, and the payload as received (kept, sealed, if it is rejected).
 *
 * @param sourceRef where it came from, for the department and for operators: {@code line 17},
 *     {@code row 5}, {@code dept.health.events-2@1234}
 */
public record Submission(Channel channel, String sourceRef, ReadEvent read, PayloadFormat format, byte[] payload) {}
