package org.zhengce.intake.pipeline;

/** How a payload as received is encoded, so that a replay reads it again the way it was first read. */
public enum PayloadFormat {
    /** An event in intake's JSON form (UTF-8). */
    JSON,
    /** A CSV row as intake's JSON form with every value as text (UTF-8). */
    JSON_TEXT,
    /** A {@code DepartmentEvent} in the Confluent Avro wire format, or bytes that were meant to be one. */
    AVRO
}
