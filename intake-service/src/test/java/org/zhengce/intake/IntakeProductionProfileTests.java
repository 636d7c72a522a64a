package org.zhengce.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.ConfigurableEnvironment;
import org.zhengce.kit.testing.ProductionProfile;

/** The production profile: no default password, every secret from the environment, a clear refusal without one. */
class IntakeProductionProfileTests {

    @Test
    void givenNoSecret_whenTheServiceStartsInProduction_thenItRefusesNamingEachMissingSetting() {
        assertThat(ProductionProfile.refusal(IntakeApplication.application()))
                .containsExactlyElementsOf(ProductionProfile.missingSecrets("INTAKE"));
    }

    @Test
    void givenEverySecret_whenTheServiceStartsInProduction_thenItsSettingsAreTheSecretsAndNoKeyHasADefault() {
        ConfigurableEnvironment environment = ProductionProfile.withSecrets(IntakeApplication.NAME, "INTAKE");

        // no key of any kind has a default: intake's own settings refuse to start without them
        assertThat(environment.getProperty("intake.pseudonyms.keys.k1")).isEmpty();
        assertThat(environment.getProperty("intake.pipeline.sealing-keys.s1")).isEmpty();
        assertThat(environment.getProperty("intake.pipeline.digest-keys.d1")).isEmpty();
    }
}
