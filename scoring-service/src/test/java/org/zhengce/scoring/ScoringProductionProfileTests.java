package org.zhengce.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.ConfigurableEnvironment;
import org.zhengce.kit.testing.ProductionProfile;

/** The production profile: no default password, every secret from the environment, a clear refusal without one. */
class ScoringProductionProfileTests {

    @Test
    void givenNoSecret_whenTheServiceStartsInProduction_thenItRefusesNamingEachMissingSetting() {
        assertThat(ProductionProfile.refusal(ScoringApplication.application()))
                .containsExactlyElementsOf(ProductionProfile.missingSecrets("SCORING"));
    }

    @Test
    void givenEverySecret_whenTheServiceStartsInProduction_thenItsSettingsAreTheSecretsOverTls() {
        ConfigurableEnvironment environment = ProductionProfile.withSecrets(ScoringApplication.NAME, "SCORING");

        // its stores' changelogs and the API's audit under the same credentials, over TLS
        assertThat(environment.getProperty("spring.kafka.properties.sasl.mechanism"))
                .isEqualTo("SCRAM-SHA-512");
    }
}
