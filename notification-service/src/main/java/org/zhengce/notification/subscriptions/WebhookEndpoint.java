package org.zhengce.notification.subscriptions;

import java.time.Instant;
import org.zhengce.events.AlertChannel;

/** A webhook endpoint as the admin API shows it: never its secret. */
public record WebhookEndpoint(String id, AlertChannel channel, String url, boolean enabled, Instant updatedAt) {}
