package org.zhengce.referral.cases;

import java.util.Optional;
import org.zhengce.referral.visits.VisitView;
import reactor.core.publisher.Mono;

/**
 * One household, one plan (一户一策), as the case's workflow needs it: verification drafts the plan in the same
 * transaction. The port the plans feature implements.
 */
public interface Planning {

    /** The first draft for the case just verified, from its latest visit (if any), written by {@code author}. */
    Mono<Void> draft(CaseState verified, Optional<VisitView> visit, String author);
}
