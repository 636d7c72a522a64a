package org.zhengce.referral.complaints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.zhengce.events.ComplaintCategory;
import org.zhengce.events.ComplaintDeadline;
import org.zhengce.events.ComplaintOutcome;
import org.zhengce.events.ComplaintSubject;

/** Given a complaint, when a command, then the changes or the refusal with its rule: no database, no clock. */
class ComplaintDecisionsTest {

    private static final Instant FILED = Instant.parse("2026-12-01T03:00:00Z");
    private static final Instant ACKNOWLEDGE_BY = FILED.plus(Duration.ofDays(2));
    private static final Instant RESOLVE_BY = FILED.plus(Duration.ofDays(21));

    private static Complaint filed() {
        return new Complaint(
                UUID.nameUUIDFromBytes("complaint".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                UUID.nameUUIDFromBytes("case".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                "110105001001",
                ComplaintCategory.SERVICE_QUALITY,
                ComplaintSubject.CASE,
                null,
                null,
                "advisor-wang-fang",
                true,
                "三周无人回电",
                List.of("supervisor-jianwai", "supervisor-chaoyang", "platform-duty-supervisor"),
                0,
                ComplaintStatus.FILED,
                FILED,
                ACKNOWLEDGE_BY,
                RESOLVE_BY,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                1);
    }

    private static Complaint after(Complaint complaint, ComplaintCommand command) {
        Complaint next = complaint;
        for (ComplaintChange change : ComplaintDecisions.decide(complaint, command)) {
            next = next.evolve(change);
        }
        return next;
    }

    @Test
    void aFiledComplaintIsAcknowledgedThenResolvedOneVersionEach() {
        Complaint acknowledged =
                after(filed(), new ComplaintCommand.Acknowledge("supervisor-jianwai", FILED.plusSeconds(60)));
        assertThat(acknowledged.status()).isEqualTo(ComplaintStatus.ACKNOWLEDGED);
        assertThat(acknowledged.version()).isEqualTo(2);
        Complaint resolved = after(
                acknowledged,
                new ComplaintCommand.Resolve(
                        "supervisor-jianwai", ComplaintOutcome.UPHELD, "已整改", FILED.plusSeconds(120)));
        assertThat(resolved.status()).isEqualTo(ComplaintStatus.RESOLVED);
        assertThat(resolved.outcome()).isEqualTo(ComplaintOutcome.UPHELD);
        assertThat(resolved.version()).isEqualTo(3);
    }

    @Test
    void anOutcomeBeforeTheAcknowledgementIsRefusedButAWithdrawalIsNot() {
        assertThatThrownBy(() -> ComplaintDecisions.decide(
                        filed(),
                        new ComplaintCommand.Resolve("supervisor-jianwai", ComplaintOutcome.NOT_UPHELD, null, FILED)))
                .isInstanceOfSatisfying(ComplaintRefused.class, refused -> {
                    assertThat(refused.rule()).isEqualTo(ComplaintDecisions.ACKNOWLEDGE_FIRST);
                    assertThat(refused.currentState()).isEqualTo(ComplaintStatus.FILED);
                    assertThat(refused.allowedTransitions())
                            .containsExactly(ComplaintStep.ACKNOWLEDGE, ComplaintStep.WITHDRAW);
                });
        assertThat(after(
                                filed(),
                                new ComplaintCommand.Resolve(
                                        "advisor-wang-fang", ComplaintOutcome.WITHDRAWN, null, FILED))
                        .status())
                .isEqualTo(ComplaintStatus.RESOLVED);
    }

    @Test
    void aResolvedComplaintRefusesEveryStepAndEscalatesNoMore() {
        Complaint resolved = after(
                filed(), new ComplaintCommand.Resolve("advisor-wang-fang", ComplaintOutcome.WITHDRAWN, null, FILED));
        assertThatThrownBy(() -> ComplaintDecisions.decide(
                        resolved, new ComplaintCommand.Acknowledge("supervisor-jianwai", FILED)))
                .isInstanceOfSatisfying(
                        ComplaintRefused.class,
                        refused -> assertThat(refused.rule()).isEqualTo(ComplaintDecisions.RESOLVED));
        assertThat(ComplaintDecisions.decide(resolved, new ComplaintCommand.MissDeadline(RESOLVE_BY.plusSeconds(1))))
                .isEmpty();
    }

    @Test
    void eachMissedDeadlineEscalatesOnceOneHandlerHigherEachTime() {
        assertThat(ComplaintDecisions.decide(filed(), new ComplaintCommand.MissDeadline(ACKNOWLEDGE_BY)))
                .as("at the deadline it is not missed yet")
                .isEmpty();
        Complaint escalated = after(filed(), new ComplaintCommand.MissDeadline(ACKNOWLEDGE_BY.plusSeconds(1)));
        assertThat(escalated.handlerLevel()).isEqualTo(1);
        assertThat(escalated.acknowledgementEscalatedAt()).isEqualTo(ACKNOWLEDGE_BY.plusSeconds(1));
        assertThat(ComplaintDecisions.decide(
                        escalated, new ComplaintCommand.MissDeadline(ACKNOWLEDGE_BY.plusSeconds(60))))
                .isEmpty();

        List<ComplaintChange> resolution =
                ComplaintDecisions.decide(escalated, new ComplaintCommand.MissDeadline(RESOLVE_BY.plusSeconds(1)));
        assertThat(resolution).singleElement().isInstanceOfSatisfying(ComplaintChange.Escalated.class, change -> {
            assertThat(change.missed()).isEqualTo(ComplaintDeadline.RESOLUTION);
            assertThat(change.to()).isEqualTo("platform-duty-supervisor");
            assertThat(change.level()).isEqualTo(2);
        });
    }
}
