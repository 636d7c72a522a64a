package org.zhengce.notification.delivery;

/** What came of one attempt to call a webhook. */
sealed interface Outcome {

    /** 2xx. */
    record Delivered() implements Outcome {}

    /** 5xx, 408, 429, a timeout, a refused connection: worth another attempt. */
    record Retryable(String reason) implements Outcome {}

    /** Any other 4xx (or 3xx), or a disabled endpoint: not retried, reported failed and escalated at once. */
    record Rejected(String reason) implements Outcome {}

    /** The endpoint's circuit breaker is open: no attempt was made. */
    record NotAttempted(String reason) implements Outcome {}

    /** The outcome of an HTTP status. */
    static Outcome ofStatus(int status) {
        if (status >= 200 && status < 300) {
            return new Delivered();
        }
        if (status == 408 || status == 429 || status >= 500) {
            return new Retryable("HTTP " + status);
        }
        return new Rejected("HTTP " + status);
    }
}
