/**
 * Webhook delivery to the SMS gateway and the app-push service: signed (HMAC-SHA256 over timestamp and body), one
 * idempotency key per delivery, retried with exponential backoff and jitter behind a circuit breaker per endpoint,
 * reported and escalated when it fails for good.
 */
@NullMarked
package org.zhengce.notification.delivery;

import org.jspecify.annotations.NullMarked;
