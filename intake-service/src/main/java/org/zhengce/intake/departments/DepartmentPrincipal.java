package org.zhengce.intake.departments;

/**
 * An authenticated department, as the event endpoints receive it ({@code @AuthenticationPrincipal}); the
 * department is read at authentication time, so {@code DepartmentPermissions.mayReport(principal.department(),
 * type)} needs no further look-up.
 */
public record DepartmentPrincipal(Department department) {

    /** The authority every authenticated department has. */
    public static final String AUTHORITY = "DEPARTMENT";

    /** The department's code, e.g. {@code CIVIL_AFFAIRS}. */
    public String code() {
        return department.code();
    }
}
