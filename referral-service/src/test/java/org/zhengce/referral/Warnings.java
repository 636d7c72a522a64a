package org.zhengce.referral;

import java.time.Instant;
import java.util.List;
import org.zhengce.events.Department;
import org.zhengce.events.Dimension;
import org.zhengce.events.HouseholdChanged;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.events.HouseholdRegistered;
import org.zhengce.events.HouseholdWarningEvent;
import org.zhengce.events.WarningCategory;
import org.zhengce.events.WarningClearReason;
import org.zhengce.events.WarningCleared;
import org.zhengce.events.WarningEscalated;
import org.zhengce.events.WarningLevel;
import org.zhengce.events.WarningRaised;
import org.zhengce.events.WarningReason;

/** Small builders of the events the tests publish; fixed values, no randomness. */
public final class Warnings {

    public static final Instant AT = Instant.parse("2026-12-01T02:00:00Z");

    private Warnings() {}

    public static HouseholdWarningEvent raised(String eventId, String household, String community, WarningLevel level) {
        return HouseholdWarningEvent.newBuilder()
                .setEventId(eventId)
                .setWarningId("warning-" + household)
                .setHousehold(new HouseholdNumber(household))
                .setCommunityCode(community)
                .setOccurredAt(AT)
                .setModelVersion("wuchang-6d-v1")
                .setFact(WarningRaised.newBuilder()
                        .setCategory(WarningCategory.ASSISTANCE_MISSING)
                        .setLevel(level)
                        .setTotal(72)
                        .setThreshold(60)
                        .setReasons(List.of())
                        .build())
                .build();
    }

    /** A warning raised at {@code at} by model {@code modelVersion}, with its reasons. */
    public static HouseholdWarningEvent raised(
            String eventId,
            String household,
            String community,
            WarningLevel level,
            Instant at,
            String modelVersion,
            List<WarningReason> reasons) {
        HouseholdWarningEvent warning = raised(eventId, household, community, level);
        warning.setOccurredAt(at);
        warning.setModelVersion(modelVersion);
        ((WarningRaised) warning.getFact()).setReasons(reasons);
        return warning;
    }

    /** An escalation of the household's warning, with the reasons now. */
    public static HouseholdWarningEvent escalated(
            String eventId,
            String household,
            String community,
            WarningLevel from,
            WarningLevel to,
            List<WarningReason> reasons) {
        HouseholdWarningEvent warning = escalated(eventId, household, community, from, to);
        ((WarningEscalated) warning.getFact()).setReasons(reasons);
        return warning;
    }

    /** One reason: a department's event that moved a dimension by {@code points}. */
    public static WarningReason reason(
            Department department, String eventId, String eventType, Dimension dimension, int points) {
        return WarningReason.newBuilder()
                .setDepartment(department)
                .setEventId(eventId)
                .setEventType(eventType)
                .setOccurredAt(AT.minusSeconds(86_400))
                .setDimension(dimension)
                .setPoints(points)
                .build();
    }

    public static HouseholdWarningEvent escalated(
            String eventId, String household, String community, WarningLevel from, WarningLevel to) {
        return HouseholdWarningEvent.newBuilder()
                .setEventId(eventId)
                .setWarningId("warning-" + household)
                .setHousehold(new HouseholdNumber(household))
                .setCommunityCode(community)
                .setOccurredAt(AT.plusSeconds(3600))
                .setModelVersion("wuchang-6d-v1")
                .setFact(WarningEscalated.newBuilder()
                        .setCategory(WarningCategory.ASSISTANCE_MISSING)
                        .setPreviousLevel(from)
                        .setLevel(to)
                        .setTotal(88)
                        .setReasons(List.of())
                        .build())
                .build();
    }

    public static HouseholdWarningEvent cleared(String eventId, String household, String community) {
        return HouseholdWarningEvent.newBuilder()
                .setEventId(eventId)
                .setWarningId("warning-" + household)
                .setHousehold(new HouseholdNumber(household))
                .setCommunityCode(community)
                .setOccurredAt(AT.plusSeconds(7200))
                .setModelVersion("wuchang-6d-v1")
                .setFact(WarningCleared.newBuilder()
                        .setReason(WarningClearReason.ASSISTANCE_GRANTED)
                        .setTotal(30)
                        .build())
                .build();
    }

    /** Civil affairs registers the household, with its contact details. */
    public static HouseholdEvent registered(String household, String community, String headName, String phone) {
        return HouseholdEvent.newBuilder()
                .setEventId("CA-" + household)
                .setDepartment(Department.CIVIL_AFFAIRS)
                .setOccurredAt(AT.minusSeconds(86_400))
                .setReportedAt(AT.minusSeconds(86_000))
                .setSubject(new HouseholdNumber(household))
                .setPlatformEventId("platform-" + household)
                .setCommunityCode(community)
                .setFact(HouseholdRegistered.newBuilder()
                        .setCommunityCode(community)
                        .setAddress("朝阳区建外街道永安里 " + household + " 号")
                        .setHeadName(headName)
                        .setPhone(phone)
                        .setMembers(List.of())
                        .build())
                .build();
    }

    /** Civil affairs records the household's move to {@code community}. */
    public static HouseholdEvent moved(String household, String community, String headName, String phone) {
        return HouseholdEvent.newBuilder()
                .setEventId("CA-moved-" + household)
                .setDepartment(Department.CIVIL_AFFAIRS)
                .setOccurredAt(AT.minusSeconds(3_600))
                .setReportedAt(AT.minusSeconds(3_000))
                .setSubject(new HouseholdNumber(household))
                .setPlatformEventId("platform-moved-" + household)
                .setCommunityCode(community)
                .setFact(HouseholdChanged.newBuilder()
                        .setCommunityCode(community)
                        .setAddress("朝阳区朝外街道 " + household + " 号")
                        .setHeadName(headName)
                        .setPhone(phone)
                        .setMembers(List.of())
                        .build())
                .build();
    }
}
