package org.zhengce.democity;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.Department;
import org.zhengce.events.EducationLevel;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.intake.ResidentIdentity;

/** The envelope of every generated event: ids, subjects, the department's short code. */
final class Events {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private static final Map<Department, String> CODES = new EnumMap<>(Map.ofEntries(
            Map.entry(Department.CIVIL_AFFAIRS, "CA"),
            Map.entry(Department.MEDICAL_INSURANCE, "MI"),
            Map.entry(Department.HEALTH, "HE"),
            Map.entry(Department.HUMAN_RESOURCES_SOCIAL_SECURITY, "HR"),
            Map.entry(Department.EDUCATION, "ED"),
            Map.entry(Department.DISABLED_PERSONS_FEDERATION, "DP"),
            Map.entry(Department.JUSTICE, "JU"),
            Map.entry(Department.HOUSING, "HO"),
            Map.entry(Department.EMERGENCY_MANAGEMENT, "EM"),
            Map.entry(Department.UTILITIES, "UT"),
            Map.entry(Department.COMMUNITY, "CO")));

    private Events() {}

    /** The departments the city reports as, in the data standard's order. */
    static java.util.Set<Department> departments() {
        return java.util.Collections.unmodifiableSet(CODES.keySet());
    }

    /**
     * A label goes into every event id, so that a new label makes every event new to intake's ledger: letters, digits
     * and dashes, without a run of 17 digits (intake would take it for an identity number in a key).
     */
    static String checkLabel(String label) {
        if (!label.matches("[A-Za-z0-9-]{1,40}") || label.matches(".*[0-9]{17}.*")) {
            throw new IllegalArgumentException("label must be up to 40 letters, digits and dashes without a run of 17"
                    + " digits, was '" + label + "'");
        }
        return label;
    }

    static String id(Department department, String label, String rest) {
        return CODES.get(department) + "-" + label + "-" + rest;
    }

    static DepartmentEvent about(
            Household household,
            @Nullable Resident person,
            Department department,
            String id,
            Instant occurredAt,
            Instant reportedAt,
            boolean withCommunity,
            Object fact) {
        return DepartmentEvent.newBuilder()
                .setEventId(id)
                .setDepartment(department)
                .setOccurredAt(occurredAt)
                .setReportedAt(reportedAt.isBefore(occurredAt) ? occurredAt : reportedAt)
                .setSubject(
                        person == null
                                ? new HouseholdNumber(household.number())
                                : new ResidentIdentity(person.identityNumber()))
                .setCommunityCode(withCommunity ? household.community().code() : null)
                .setFact(fact)
                .build();
    }

    static Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atZone(CHINA).toInstant();
    }

    static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, CHINA);
    }

    static EducationLevel levelAt(int age) {
        if (age < 6) {
            return EducationLevel.PRESCHOOL;
        }
        if (age < 12) {
            return EducationLevel.PRIMARY;
        }
        if (age < 15) {
            return EducationLevel.JUNIOR_SECONDARY;
        }
        if (age < 18) {
            return EducationLevel.SENIOR_SECONDARY;
        }
        return EducationLevel.HIGHER;
    }

    static String school(EducationLevel level, int pick) {
        String[] schools = switch (level) {
            case PRESCHOOL -> new String[] {"朝阳区第一幼儿园", "建外街道中心幼儿园", "芳草地幼儿园"};
            case PRIMARY -> new String[] {"北京市朝阳区实验小学", "芳草地国际学校", "北京市朝阳区白家庄小学"};
            case JUNIOR_SECONDARY, SENIOR_SECONDARY -> new String[] {"北京市第八十中学", "北京市陈经纶中学", "北京市日坛中学"};
            case VOCATIONAL -> new String[] {"北京市朝阳区职业技术学校"};
            default -> new String[] {"北京工业大学", "对外经济贸易大学", "中国传媒大学"};
        };
        return schools[Math.floorMod(pick, schools.length)];
    }
}
