package org.zhengce.referral.households;

import org.zhengce.events.HouseholdEvent;
import reactor.core.publisher.Mono;

/**
 * A reporter's tip about a household ({@code TipReported} naming its reporter). This feature reads {@code
 * household.events}; the feature that follows tips takes them through this port, inside the listener's transaction,
 * so that households never depends on it (as {@link DepartmentDecisions}).
 */
public interface ReporterTips {

    /** True for the events this port takes. */
    boolean takes(HouseholdEvent event);

    /** Keeps the tip and opens or joins the household's case when the tip calls for one. */
    Mono<Void> on(HouseholdEvent event);
}
