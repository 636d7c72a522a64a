package org.zhengce.referral.cases;

import java.time.Instant;
import java.util.UUID;
import reactor.core.publisher.Mono;

/** What closing a case needs of its referrals: the port the referrals feature implements. */
public interface CaseReferrals {

    /** Referrals of the case not answered yet or being served (they keep it from closing). */
    Mono<Integer> openOf(UUID caseId);

    /** A closed tracking case's monitoring ends. */
    Mono<Void> endTracking(UUID caseId, Instant at);
}
