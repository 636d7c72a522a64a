package org.zhengce.faults.load;

/** What became of one delivery of an event. */
sealed interface Answer {

    /** Intake has it ({@code accepted} or {@code duplicate}), or the department topic acknowledged it. */
    record Accepted() implements Answer {}

    /** Refused for good (a rule, a conflict): re-sending would change nothing. */
    record Refused(String reason) implements Answer {}

    /** Not taken this time (a kill, {@code pending}, 5xx, 429, no connection): send the same event again. */
    record Again(String reason) implements Answer {}

    Answer ACCEPTED = new Accepted();
}
