package org.zhengce.intake.departments;

/** What an authenticated department may do. Pure: the department comes from the caller's principal. */
public final class DepartmentPermissions {

    private DepartmentPermissions() {}

    /** Whether {@code department} may report events of type {@code eventType} (an Avro record name). */
    public static Permission mayReport(Department department, String eventType) {
        if (!department.enabled()) {
            return new Permission.Refused(
                    department.code(), eventType, "department " + department.code() + " is disabled");
        }
        if (!department.allowedEventTypes().contains(eventType)) {
            return new Permission.Refused(
                    department.code(), eventType, "department " + department.code() + " may not report " + eventType);
        }
        return new Permission.Granted(department.code(), eventType);
    }
}
