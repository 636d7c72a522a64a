package org.zhengce.notification.subscriptions;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.zhengce.events.AlertChannel;

/**
 * A user's wish to be alerted on {@code channel} through the webhook endpoint {@code endpointId} at {@code address}
 * (a phone number for SMS, a device token for app push).
 */
public record Subscription(
        @NotNull AlertChannel channel,
        @NotBlank String endpointId,
        @NotBlank String address) {}
