package org.zhengce.scoring.portrait;

import java.time.Instant;
import java.util.Comparator;
import org.apache.avro.specific.SpecificRecord;
import org.zhengce.events.Department;
import org.zhengce.events.HouseholdEvent;

/**
 * Where a fact of the portrait comes from (来源): the household event that reported it.
 *
 * @param platformEventId the id intake gave the event, unique across departments; what warning reasons cite
 * @param eventId the department's own id for the fact
 * @param department the department that reported it
 * @param eventType the fact's record name, e.g. {@code HospitalAdmitted}
 * @param occurredAt when the fact happened; windows and decay count from here
 */
public record Source(
        String platformEventId, String eventId, Department department, String eventType, Instant occurredAt) {

    /** Oldest first; events of the same instant by platform event id, so every order is total and repeatable. */
    public static final Comparator<Source> CHRONOLOGICAL =
            Comparator.comparing(Source::occurredAt).thenComparing(Source::platformEventId);

    /** The source of a household event's fact. */
    public static Source of(HouseholdEvent event) {
        return new Source(
                event.getPlatformEventId(),
                event.getEventId(),
                event.getDepartment(),
                eventType(event),
                event.getOccurredAt());
    }

    /** The fact's record name ({@code HospitalAdmitted}...), as warning reasons and model rules name it. */
    public static String eventType(HouseholdEvent event) {
        Object fact = event.getFact();
        return fact instanceof SpecificRecord record
                ? record.getSchema().getName()
                : fact.getClass().getSimpleName();
    }
}
