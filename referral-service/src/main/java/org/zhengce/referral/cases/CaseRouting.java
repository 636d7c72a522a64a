package org.zhengce.referral.cases;

import reactor.core.publisher.Mono;

/**
 * Who owns a new case: the port the routing feature implements, so that cases, which opens the case, does not
 * depend on it (routing reads the open load of advisors through {@link OpenCaseLoads}).
 */
public interface CaseRouting {

    /** Who should own a new case of {@code communityCode} (empty: the community is unknown). */
    Mono<RoutingDecision> route(String communityCode);
}
