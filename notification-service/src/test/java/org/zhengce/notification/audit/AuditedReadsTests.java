package org.zhengce.notification.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.FluxExchangeResult;
import org.zhengce.kit.audit.AuditRecord;
import org.zhengce.kit.audit.AuditTrail;
import org.zhengce.notification.NotificationStackTest;

/** Alerts read, the stream opened and subscriptions changed are audited with the caller and the jurisdiction. */
class AuditedReadsTests extends NotificationStackTest {

    private static final String JIANWAI = "110105001";
    private static final String COMMUNITY = "110105001002";
    private static final String CHAOWAI = "110105002";

    @Autowired
    AuditTrail trail;

    @Test
    void communityAlertsReadIsAuditedWithTheCallerAndTheCommunity() {
        long before = lastSeq();
        http.get()
                .uri("/communities/{c}/alerts", COMMUNITY)
                .headers(h -> h.setBearerAuth(supervisor("supervisor-jianwai", JIANWAI)))
                .exchange()
                .expectStatus()
                .isOk();
        http.get()
                .uri("/communities/{c}/alerts", COMMUNITY)
                .headers(h -> h.setBearerAuth(supervisor("supervisor-chaowai", CHAOWAI)))
                .exchange()
                .expectStatus()
                .isForbidden();

        assertThat(since(before))
                .extracting(
                        AuditRecord::actor,
                        AuditRecord::actorJurisdictions,
                        AuditRecord::action,
                        AuditRecord::subject,
                        AuditRecord::jurisdiction,
                        AuditRecord::allowed)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "supervisor-jianwai", List.of(JIANWAI), "READ", "community-alerts", COMMUNITY, true),
                        org.assertj.core.groups.Tuple.tuple(
                                "supervisor-chaowai", List.of(CHAOWAI), "READ", "community-alerts", COMMUNITY, false));
    }

    @Test
    void openingTheStreamAndChangingSubscriptionsAreAudited() {
        long before = lastSeq();
        String advisor = advisor("advisor-audit-1", COMMUNITY);
        inboxOf(advisor);
        FluxExchangeResult<String> stream = http.get()
                .uri("/alerts/stream")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .headers(h -> h.setBearerAuth(advisor))
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class);
        // the stream's answer was committed (its headers are here): it was audited before that; close it
        stream.getResponseBody().subscribe().dispose();
        http.get()
                .uri("/subscriptions/me")
                .headers(h -> h.setBearerAuth(advisor))
                .exchange()
                .expectStatus()
                .isOk();

        assertThat(since(before))
                .extracting(AuditRecord::actor, AuditRecord::subject, AuditRecord::action, AuditRecord::allowed)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("advisor-audit-1", "alerts", "READ", true),
                        org.assertj.core.groups.Tuple.tuple("advisor-audit-1", "alert-stream", "READ", true),
                        org.assertj.core.groups.Tuple.tuple("advisor-audit-1", "subscriptions", "READ", true));
        assertThat(trail.verify().block(Duration.ofSeconds(10)))
                .satisfies(result ->
                        assertThat(result.isIntact()).as(result.message()).isTrue());
    }

    private long lastSeq() {
        return Objects.requireNonNull(trail.length().block(Duration.ofSeconds(10)));
    }

    /** The records appended after {@code seq}, oldest first. */
    private List<AuditRecord> since(long seq) {
        List<AuditRecord> latest = trail.latest(50).collectList().block(Duration.ofSeconds(10));
        long count = lastSeq() - seq;
        List<AuditRecord> newer =
                new java.util.ArrayList<>(Objects.requireNonNull(latest).subList(0, (int) count));
        java.util.Collections.reverse(newer);
        return newer;
    }
}
