package org.zhengce.intake.pipeline;

/** The way an event came in. */
public enum Channel {
    /** One JSON event, {@code POST /events}. */
    HTTP,
    /** A line of an NDJSON stream, {@code POST /events} with {@code application/x-ndjson}. */
    NDJSON,
    /** A row of a nightly CSV file, {@code POST /submissions}. */
    CSV,
    /** A record on the department's own topic {@code dept.<code>.events}. */
    TOPIC,
    /** A rejected event sent through the pipeline again after a fix. */
    REPLAY;

    /** The lower-case name used in metrics and results. */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
