package org.zhengce.referral.routing;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Routing settings.
 *
 * @param fallbackOwner the user id that owns a case when its community has no advisor and neither its street nor
 *     its district has a supervisor (or its community is unknown): a case is never unowned
 */
@ConfigurationProperties("referral.routing")
@Validated
public record RoutingSettings(@NotBlank String fallbackOwner) {}
