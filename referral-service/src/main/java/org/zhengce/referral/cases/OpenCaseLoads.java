package org.zhengce.referral.cases;

import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/** How many open cases each owner has: what routing and the worklists need of the case table. */
public interface OpenCaseLoads {

    /**
     * The open cases each of {@code ownerIds} owns, by owner id (an owner with none is absent); inside the caller's
     * transaction, so cases opened earlier in the same transaction count.
     */
    Mono<Map<String, Integer>> openCasesOwnedBy(List<String> ownerIds);
}
