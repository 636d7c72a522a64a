package org.zhengce.kit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

class UnavailableAnswersTests {

    private final UnavailableAnswers answers = new UnavailableAnswers(ServerCodecConfigurer.create());

    @Test
    void aDatabaseThatDoesNotAnswerIsA503WithRetryAfterNotA500() {
        MockServerWebExchange exchange =
                MockServerWebExchange.from(MockServerHttpRequest.post("/events").build());
        var failure = new DataAccessResourceFailureException(
                "Failed to obtain R2DBC Connection", new ConnectException("Connection refused"));

        answers.handle(exchange, failure).block(Duration.ofSeconds(5));

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER))
                .isEqualTo("30");
        String body = exchange.getResponse().getBodyAsString().block(Duration.ofSeconds(5));
        assertThat(body)
                .contains("\"status\":503", "\"title\":\"Unavailable\"", "\"instance\":\"/events\"", "Retry-After")
                .doesNotContain("R2DBC", "Connection refused");
    }

    @Test
    void aPermanentFailureGoesOnToSpringsErrorHandler() {
        MockServerWebExchange exchange =
                MockServerWebExchange.from(MockServerHttpRequest.get("/cases").build());
        var bug = new IllegalStateException("a bug");

        assertThatThrownBy(() -> answers.handle(exchange, bug).block(Duration.ofSeconds(5)))
                .isSameAs(bug);
        assertThat(exchange.getResponse().getStatusCode()).isNull();
    }

    @Test
    void aResponseAlreadyCommittedIsLeftAlone() {
        MockServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.get("/alerts/stream").build());
        exchange.getResponse().setComplete().block(Duration.ofSeconds(5));
        var failure = new DataAccessResourceFailureException("gone", new ConnectException("refused"));

        assertThatThrownBy(() -> answers.handle(exchange, failure).block(Duration.ofSeconds(5)))
                .isSameAs(failure);
    }
}
