package org.zhengce.intake.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.zhengce.intake.IntakeStackTest;
import org.zhengce.kit.audit.AuditTrail;

/** Admin actions and departments' reads of their rejected events are audited with the caller; the chain verifies. */
class AdminActionsAuditedTests extends IntakeStackTest {

    @Autowired
    AuditTrail trail;

    @Autowired
    DatabaseClient db;

    @Test
    void keysIssuedRejectionsReadAndRefusedAdminCallsAreAudited() {
        long before = lastSeq();
        String key = issueKey("HEALTH");
        http.get()
                .uri("/admin/rejected-events?department=HEALTH")
                .header("X-API-Key", ADMIN_KEY)
                .exchange()
                .expectStatus()
                .isOk();
        http.get()
                .uri("/rejected-events")
                .header("X-API-Key", key)
                .exchange()
                .expectStatus()
                .isOk();
        http.get()
                .uri("/admin/departments")
                .header("X-API-Key", key)
                .exchange()
                .expectStatus()
                .isForbidden();

        assertThat(db.sql("select actor || ' ' || actor_roles::text || ' ' || action || ' ' || subject || ' '"
                                + " || outcome from audit_trail where seq > :before order by seq")
                        .bind("before", before)
                        .map(row -> row.get(0, String.class))
                        .all()
                        .collectList()
                        .block())
                .containsExactly(
                        "platform-admin {PLATFORM_ADMIN} CHANGE departments ALLOWED",
                        "platform-admin {PLATFORM_ADMIN} READ rejected-events ALLOWED",
                        "HEALTH {DEPARTMENT} READ rejected-events ALLOWED",
                        "HEALTH {DEPARTMENT} READ departments REFUSED");
        http.get()
                .uri("/admin/audit-trail/verification")
                .header("X-API-Key", ADMIN_KEY)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.breach")
                .doesNotExist();
        assertThat(trail.verify().block(Duration.ofSeconds(10)))
                .satisfies(result ->
                        assertThat(result.isIntact()).as(result.message()).isTrue());
    }

    private long lastSeq() {
        return Objects.requireNonNull(trail.length().block(Duration.ofSeconds(10)));
    }
}
