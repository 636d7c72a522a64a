package org.zhengce.intake.departments;

/** The answer to "may this department report this event type?". */
public sealed interface Permission {

    /** The department may report the type. */
    record Granted(String department, String eventType) implements Permission {}

    /** The department may not report the type; {@link #reason()} names both, for a 403 answer. */
    record Refused(String department, String eventType, String reason) implements Permission {}

    default boolean granted() {
        return this instanceof Granted;
    }
}
