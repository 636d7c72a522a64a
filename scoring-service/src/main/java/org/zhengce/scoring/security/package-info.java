/**
 * Who is calling: users of the platform's identity provider with a JWT (resource server), their roles
 * ({@code PLATFORM_ADMIN}, {@code SUPERVISOR}, {@code ADVISOR}, {@code SOCIAL_WORKER}) and their jurisdictions
 * (area-code prefixes), as a {@link org.zhengce.scoring.security.Caller}. Health, info and the OpenAPI document are
 * public; without a configured issuer only health is open. Refusals and errors are RFC 9457 problem details.
 */
@NullMarked
package org.zhengce.scoring.security;

import org.jspecify.annotations.NullMarked;
