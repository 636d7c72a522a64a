package org.zhengce.intake.pipeline;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The pseudonym keys ({@code intake.pseudonyms.*}): key id → Base64 secret of at least 32 bytes, and the id new
 * events are pseudonymised with. From a Kubernetes Secret in production; the launcher generates and keeps a local
 * one. See the module README for re-keying.
 */
@ConfigurationProperties("intake.pseudonyms")
record PseudonymSettings(
        @DefaultValue Map<String, String> keys,
        @DefaultValue("") String activeKeyId) {

    PseudonymSettings {
        keys.forEach((id, value) -> {
            if (value.isBlank()) {
                throw new IllegalArgumentException(
                        "intake.pseudonyms.keys." + id + " is empty: set INTAKE_PSEUDONYM_KEY (Base64 of 32 random"
                                + " bytes, from a Kubernetes Secret; the launcher generates one)");
            }
        });
        if (keys.isEmpty() || activeKeyId.isBlank()) {
            throw new IllegalArgumentException("intake.pseudonyms.keys and intake.pseudonyms.active-key-id are"
                    + " required (set INTAKE_PSEUDONYM_KEY, at least 32 random bytes in Base64, from a Kubernetes"
                    + " Secret)");
        }
    }
}
