package org.zhengce.referral;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.ConfigurableEnvironment;
import org.zhengce.kit.testing.ProductionProfile;

/** The production profile: no default password, every secret from the environment, a clear refusal without one. */
class ReferralProductionProfileTests {

    @Test
    void givenNoSecret_whenTheServiceStartsInProduction_thenItRefusesNamingEachMissingSetting() {
        assertThat(ProductionProfile.refusal(ReferralApplication.application()))
                .containsExactlyElementsOf(ProductionProfile.missingSecrets("REFERRAL"));
    }

    @Test
    void givenEverySecret_whenTheServiceStartsInProduction_thenItsSettingsAreTheSecretsAndNoDemoCity() {
        ConfigurableEnvironment environment = ProductionProfile.withSecrets(ReferralApplication.NAME, "REFERRAL");

        // no demo city: its jurisdictions and policy library are not loaded
        assertThat(environment.getProperty("referral.jurisdictions.seed")).isEmpty();
        assertThat(environment.getProperty("referral.policies.library")).isEmpty();
    }
}
