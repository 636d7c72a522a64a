/**
 * The department registry: which departments may send events, which event types each may report, its
 * jurisdiction scope, its rate limit, whether it is enabled, and its API keys (stored only as hashes).
 * {@link org.zhengce.intake.departments.DepartmentRegistry} is the facade, {@link
 * org.zhengce.intake.departments.DepartmentPermissions} the check the event endpoints use.
 */
@org.jspecify.annotations.NullMarked
package org.zhengce.intake.departments;
