package org.zhengce.intake.departments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void generatedKeyIsKeyIdDotSecretAndItsHashMatchesOnlyThatSecret() {
        ApiKeys.Generated key = ApiKeys.generate();
        ApiKeys.Presented presented = ApiKeys.parse(key.apiKey()).orElseThrow();

        assertThat(presented.keyId()).isEqualTo(key.keyId()).hasSize(20);
        assertThat(ApiKeys.matches(presented.secret(), key.secretHash())).isTrue();
        assertThat(ApiKeys.matches(presented.secret() + "x", key.secretHash())).isFalse();
    }

    @Test
    void valueWithoutBothHalvesIsNotAKey() {
        assertThat(ApiKeys.parse("no-dot-here")).isEmpty();
        assertThat(ApiKeys.parse(".secret-only")).isEmpty();
        assertThat(ApiKeys.parse("keyid-only.")).isEmpty();
    }
}
