package org.zhengce.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutcomeTest {

    @Test
    void twoHundredsAreDelivered() {
        assertThat(Outcome.ofStatus(200)).isInstanceOf(Outcome.Delivered.class);
        assertThat(Outcome.ofStatus(204)).isInstanceOf(Outcome.Delivered.class);
    }

    @Test
    void serverErrorsTimeoutsAndTooManyRequestsAreRetried() {
        assertThat(Outcome.ofStatus(500)).isInstanceOf(Outcome.Retryable.class);
        assertThat(Outcome.ofStatus(503)).isInstanceOf(Outcome.Retryable.class);
        assertThat(Outcome.ofStatus(408)).isInstanceOf(Outcome.Retryable.class);
        assertThat(Outcome.ofStatus(429)).isInstanceOf(Outcome.Retryable.class);
    }

    @Test
    void otherClientErrorsAreNotRetried() {
        assertThat(Outcome.ofStatus(400)).isEqualTo(new Outcome.Rejected("HTTP 400"));
        assertThat(Outcome.ofStatus(401)).isInstanceOf(Outcome.Rejected.class);
        assertThat(Outcome.ofStatus(404)).isInstanceOf(Outcome.Rejected.class);
        assertThat(Outcome.ofStatus(410)).isInstanceOf(Outcome.Rejected.class);
    }
}
