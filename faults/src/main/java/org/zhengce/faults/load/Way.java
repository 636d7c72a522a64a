package org.zhengce.faults.load;

/** The four ways a department's event comes in. */
public enum Way {
    /** {@code POST /events}, one JSON event. */
    JSON,
    /** {@code POST /events}, NDJSON lines. */
    NDJSON,
    /** {@code POST /submissions}, a CSV file. */
    CSV,
    /** {@code dept.<code>.events}, Avro in Confluent's wire format. */
    TOPIC
}
