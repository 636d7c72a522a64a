package org.zhengce.intake.reading;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.intake.identity.ResidentIdentityNumber;
import org.zhengce.intake.validation.Violation;

/**
 * One department event as read from JSON or CSV, before its meaning is checked.
 *
 * @param eventId the {@code eventId} as sent, when it was text; {@code null} when missing or not text
 * @param eventType the {@code type} as sent, when it was text, known or not; {@code null} when missing or not text
 * @param event the event built as far as the input allowed: fields whose value was missing or wrong are left unset
 *     ({@code null} for object fields, the Java default for primitive ones), {@code fact} is {@code null} when the type
 *     is unknown or missing; {@code null} altogether when the input was not a JSON object at all. Only an event that is
 *     {@link #wellFormed()} is complete.
 * @param violations the form errors found, every one of them, offending values masked; empty when well formed
 */
public record ReadEvent(
        @Nullable String eventId,
        @Nullable String eventType,
        @Nullable DepartmentEvent event,
        List<Violation> violations) {

    public ReadEvent {
        violations = List.copyOf(violations);
    }

    /** An input that gave no event at all (not JSON, not an object, bytes not in the encoding, a broken CSV row). */
    static ReadEvent unreadable(Violation violation) {
        return new ReadEvent(null, null, null, List.of(violation));
    }

    /**
     * The event id (masked), type and violations; never the event, which holds identity numbers in clear (an Avro
     * record prints every field).
     */
    @Override
    public String toString() {
        return "ReadEvent[eventId=" + (eventId == null ? null : ResidentIdentityNumber.maskAllIn(eventId))
                + ", eventType=" + (eventType == null ? null : ResidentIdentityNumber.maskAllIn(eventType))
                + ", event=" + (event == null ? "none" : "read") + ", violations=" + violations + "]";
    }

    /** Whether the input had no form error: {@link #event()} is then a complete event, ready for validation. */
    public boolean wellFormed() {
        return violations.isEmpty() && event != null;
    }
}
