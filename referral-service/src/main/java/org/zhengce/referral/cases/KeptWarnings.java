package org.zhengce.referral.cases;

import java.util.UUID;
import reactor.core.publisher.Mono;

/** The warnings kept on cases with their reasons: the port the warnings feature implements, for the case's view. */
public interface KeptWarnings {

    /** The latest warning kept on the case; empty for a case opened before warnings were kept. */
    Mono<CaseWarning> latest(UUID caseId);
}
