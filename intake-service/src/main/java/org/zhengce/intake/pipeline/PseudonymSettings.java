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
        // an entry left empty by an unset environment variable is no key at all
        keys = keys.entrySet().stream()
                .filter(e -> !e.getValue().isBlank())
                .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
        if (!keys.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("intake.pseudonyms.keys." + activeKeyId
                    + " is not set (intake.pseudonyms.active-key-id names it): set INTAKE_PSEUDONYM_KEY to"
                    + " Base64 of 32 random bytes, from a Kubernetes Secret (the launcher generates one)");
        }
    }
}
