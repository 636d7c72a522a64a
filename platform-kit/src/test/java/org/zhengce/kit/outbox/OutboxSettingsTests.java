package org.zhengce.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class OutboxSettingsTests {

    private static Binder binder(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties));
    }

    @Test
    void settingsAreReadFromTheServicesOwnPrefix() {
        OutboxSettings settings = OutboxSettings.bind(
                binder(Map.of(
                        "notification.outbox.relay-interval", "500ms",
                        "notification.outbox.batch-size", "500",
                        "notification.outbox.claim-timeout", "2m",
                        "notification.outbox.send-timeout", "30s")),
                "notification.outbox");

        assertThat(settings)
                .isEqualTo(
                        new OutboxSettings(Duration.ofMillis(500), 500, Duration.ofMinutes(2), Duration.ofSeconds(30)));
    }

    @Test
    void claimTimeoutNotLongerThanSendTimeoutIsRefusedNamingThePrefix() {
        assertThatThrownBy(() -> OutboxSettings.bind(
                        binder(Map.of(
                                "referral.outbox.relay-interval", "100ms",
                                "referral.outbox.batch-size", "500",
                                "referral.outbox.claim-timeout", "30s",
                                "referral.outbox.send-timeout", "30s")),
                        "referral.outbox"))
                .hasMessageContaining("referral.outbox")
                .hasMessageContaining("claim-timeout (PT30S) must be longer than its send-timeout (PT30S)");
    }

    @Test
    void missingSettingIsNamed() {
        assertThatThrownBy(() -> OutboxSettings.bind(binder(Map.of()), "notification.outbox"))
                .hasMessage("notification.outbox.relay-interval is not set");
    }
}
