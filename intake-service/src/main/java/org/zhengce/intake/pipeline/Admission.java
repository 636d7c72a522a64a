package org.zhengce.intake.pipeline;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.Department;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.intake.HouseholdChanged;
import org.zhengce.intake.HouseholdRegistered;
import org.zhengce.intake.departments.DepartmentPermissions;
import org.zhengce.intake.departments.Permission;
import org.zhengce.intake.validation.ValidationRule;
import org.zhengce.intake.validation.Violation;

/**
 * Whether an event fits its sender's terms: its own department, enabled, a type it may report, in its scope. An
 * empty scope covers nothing (fails closed). The scope is checked against the community the event's household (or
 * person) is registered in, as intake accepted it ({@link Registrations}); the community the event claims counts only
 * for a subject never registered here, and for a registration itself (where it is the community being registered).
 */
final class Admission {

    private Admission() {}

    /**
     * The violations of {@code sender}'s terms by {@code event}; fills in the event's department when the input left
     * it out (the sender's, when it is a symbol of the data standard).
     *
     * @param registered where the event's subject is registered, null if it never was
     */
    static List<Violation> check(
            org.zhengce.intake.departments.Department sender,
            DepartmentEvent event,
            @Nullable String eventType,
            EventLedger.@Nullable Registered registered) {
        java.util.ArrayList<Violation> violations = new java.util.ArrayList<>();
        Department own = symbolOf(sender.code());
        if (event.getDepartment() == null) {
            if (own == null) {
                violations.add(new Violation(
                        "department",
                        ValidationRule.DEPARTMENT_MISMATCH,
                        sender.code() + " is not yet a Department symbol of the data standard"));
            } else {
                event.setDepartment(own);
            }
        } else if (own != event.getDepartment()) {
            violations.add(new Violation(
                    "department",
                    ValidationRule.DEPARTMENT_MISMATCH,
                    event.getDepartment().name() + " ≠ sender " + sender.code()));
        }
        if (!sender.enabled()) {
            violations.add(new Violation("department", ValidationRule.DEPARTMENT_DISABLED, sender.code()));
        } else if (eventType != null
                && DepartmentPermissions.mayReport(sender, eventType) instanceof Permission.Refused) {
            violations.add(new Violation("type", ValidationRule.EVENT_TYPE_NOT_ALLOWED, eventType));
        }
        if (sender.jurisdictionScope().isEmpty()) {
            // fails closed: a department whose areas were never named covers none
            violations.add(new Violation(
                    "communityCode",
                    ValidationRule.OUT_OF_SCOPE,
                    "department " + sender.code() + " has no jurisdiction scope, which covers no area: a platform"
                            + " admin names its areas first"));
        } else if (registered != null && !isRegistration(event)) {
            if (!covers(sender, registered.communityCode())) {
                // the registered community is not named: a department outside it has no business knowing it
                violations.add(new Violation(
                        "communityCode",
                        ValidationRule.OUT_OF_SCOPE,
                        "the " + (event.getSubject() instanceof HouseholdNumber ? "household" : "person")
                                + " is registered in a community outside " + sender.jurisdictionScope()
                                + ", whatever community the event claims"));
            }
        } else {
            String community = communityOf(event);
            if (community == null || !covers(sender, community)) {
                violations.add(new Violation(
                        "communityCode",
                        ValidationRule.OUT_OF_SCOPE,
                        (community == null ? "none" : community) + " not within " + sender.jurisdictionScope()));
            }
        }
        return violations;
    }

    private static boolean covers(org.zhengce.intake.departments.Department sender, String community) {
        return sender.jurisdictionScope().stream().anyMatch(community::startsWith);
    }

    /** A registration or registered move: checked against the community it registers. */
    private static boolean isRegistration(DepartmentEvent event) {
        return event.getFact() instanceof HouseholdRegistered || event.getFact() instanceof HouseholdChanged;
    }

    private static @Nullable String communityOf(DepartmentEvent event) {
        if (event.getCommunityCode() != null) {
            return event.getCommunityCode();
        }
        if (event.getFact() instanceof HouseholdRegistered registered) {
            return registered.getCommunityCode();
        }
        if (event.getFact() instanceof HouseholdChanged changed) {
            return changed.getCommunityCode();
        }
        return null;
    }

    private static @Nullable Department symbolOf(String code) {
        for (Department department : Department.values()) {
            if (department.name().equals(code)) {
                return department;
            }
        }
        return null;
    }
}
