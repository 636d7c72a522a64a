package org.zhengce.intake.departments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DepartmentPermissionsTest {

    private static final Instant REGISTERED = Instant.parse("2026-01-05T08:00:00Z");

    private static Department health(boolean enabled) {
        return new Department(
                "HEALTH",
                "Health",
                Set.of("HospitalAdmitted", "IllnessCertified"),
                List.of("3301"),
                200,
                enabled,
                REGISTERED,
                REGISTERED);
    }

    @Test
    void departmentMayReportAnAllowedType() {
        assertThat(DepartmentPermissions.mayReport(health(true), "IllnessCertified"))
                .isEqualTo(new Permission.Granted("HEALTH", "IllnessCertified"))
                .matches(Permission::granted);
    }

    @Test
    void typeNotAllowedIsRefusedNamingDepartmentAndType() {
        Permission permission = DepartmentPermissions.mayReport(health(true), "EmploymentEnded");

        assertThat(permission)
                .isEqualTo(new Permission.Refused(
                        "HEALTH", "EmploymentEnded", "department HEALTH may not report EmploymentEnded"));
        assertThat(permission.granted()).isFalse();
    }

    @Test
    void disabledDepartmentMayReportNothing() {
        assertThat(DepartmentPermissions.mayReport(health(false), "IllnessCertified"))
                .isEqualTo(new Permission.Refused("HEALTH", "IllnessCertified", "department HEALTH is disabled"));
    }
}
