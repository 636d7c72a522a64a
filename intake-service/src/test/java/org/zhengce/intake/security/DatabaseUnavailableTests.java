package org.zhengce.intake.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.reset;

import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.zhengce.intake.IntakeStackTest;
import org.zhengce.intake.departments.DepartmentRegistry;
import org.zhengce.intake.reporting.ReportingFixtures;
import reactor.core.publisher.Mono;

/**
 * The fault suite's finding: while PostgreSQL restarted, a department's API key could not be looked up and intake
 * answered 500 (the failure escaped the security chain). It is answered 503 with Retry-After, and the same event is
 * accepted once the database answers again.
 */
class DatabaseUnavailableTests extends IntakeStackTest {

    @MockitoSpyBean
    DepartmentRegistry departments;

    @Test
    void anApiKeyThatCannotBeLookedUpWhileTheDatabaseRestartsIsA503WithRetryAfterNeverA500() {
        String key = issueKey("HEALTH");
        String event = ReportingFixtures.example("HospitalDischarged", "database-down-1")
                .toString();
        doReturn(Mono.error(new DataAccessResourceFailureException(
                        "Failed to obtain R2DBC Connection", new ConnectException("Connection refused"))))
                .when(departments)
                .departmentOfKey(anyString());

        http.post()
                .uri("/events")
                .header("X-API-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(event)
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .valueEquals(HttpHeaders.RETRY_AFTER, "30")
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Unavailable")
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("send the request again"));

        reset(departments);

        http.post()
                .uri("/events")
                .header("X-API-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(event)
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("accepted");
    }
}
