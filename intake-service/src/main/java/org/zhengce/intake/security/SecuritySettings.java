package org.zhengce.intake.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Security settings of intake.
 *
 * @param admin the platform admin's API key, for local runs and operators without an identity provider
 */
@ConfigurationProperties("intake")
@Validated
record SecuritySettings(@DefaultValue @Valid Admin admin) {

    /**
     * @param apiKeyHash lower-case hex SHA-256 of the admin's {@code X-API-Key} value; unset or empty: no admin
     *     key is accepted
     */
    record Admin(
            @Nullable @Pattern(regexp = "|[0-9a-f]{64}", message = "must be the 64 hex digits of a SHA-256 hash")
            String apiKeyHash) {

        boolean hasApiKey() {
            return apiKeyHash != null && !apiKeyHash.isEmpty();
        }
    }
}
