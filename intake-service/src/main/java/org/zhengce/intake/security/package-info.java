/**
 * Who is calling: departments with an {@code X-API-Key} or an OAuth2 client-credentials JWT (authority
 * {@code DEPARTMENT}, principal {@link org.zhengce.intake.security.DepartmentPrincipal}), and platform admins
 * (role {@code PLATFORM_ADMIN}). Health and OpenAPI endpoints are public.
 */
@org.jspecify.annotations.NullMarked
package org.zhengce.intake.security;
