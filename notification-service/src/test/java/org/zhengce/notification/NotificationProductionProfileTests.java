package org.zhengce.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.zhengce.kit.testing.ProductionProfile;

/** The production profile: no default password, every secret from the environment, a clear refusal without one. */
class NotificationProductionProfileTests {

    @Test
    void givenNoSecret_whenTheServiceStartsInProduction_thenItRefusesNamingEachMissingSetting() {
        assertThat(ProductionProfile.refusal(NotificationApplication.application()))
                .containsExactlyElementsOf(ProductionProfile.missingSecrets("NOTIFICATION"));
    }

    @Test
    void givenEverySecret_whenTheServiceStartsInProduction_thenNoSupervisorsAreConfiguredButReadFromReferral() {
        ConfigurableEnvironment environment =
                ProductionProfile.withSecrets(NotificationApplication.NAME, "NOTIFICATION");

        // no copy of the organisation structure: the supervisors are referral's directory (ADR 0035)
        assertThat(Binder.get(environment)
                        .bind("notification.alerts.supervisors", Bindable.listOf(Map.class))
                        .isBound())
                .isFalse();
        assertThat(Binder.get(environment)
                        .bind("notification.jurisdictions.catch-up-within", java.time.Duration.class)
                        .get())
                .isPositive();
    }
}
