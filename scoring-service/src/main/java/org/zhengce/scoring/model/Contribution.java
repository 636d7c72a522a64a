package org.zhengce.scoring.model;

import java.time.Instant;
import org.zhengce.events.Department;
import org.zhengce.events.Dimension;

/**
 * One reason of a score (评分依据): a fact that moved a dimension, the points it gave after decay and caps, and the rule
 * that gave them. It maps one to one onto a warning's {@code WarningReason}.
 *
 * @param department the department that reported the fact
 * @param eventId the household event's {@code platformEventId} (what {@code WarningReason.eventId} holds); for a
 *     member's age, the event that registered the member
 * @param eventType the fact's record name, e.g. {@code MedicalExpenseSettled}; {@code HouseholdRegistered},
 *     {@code HouseholdChanged} or {@code MemberJoined} for a member's age
 * @param occurredAt when the fact happened
 * @param dimension the dimension it moved
 * @param points the points it gives, always positive; a dimension's contributions add up to its points
 * @param rule the id of the model rule that gave them
 */
public record Contribution(
        Department department,
        String eventId,
        String eventType,
        Instant occurredAt,
        Dimension dimension,
        int points,
        String rule) {}
