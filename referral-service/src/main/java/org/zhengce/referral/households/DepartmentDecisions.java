package org.zhengce.referral.households;

import org.zhengce.events.HouseholdEvent;
import reactor.core.publisher.Mono;

/**
 * What a department decided on an application the platform follows ({@code AssistanceGranted},
 * {@code AssistanceApplicationRejected} of a household subject). This feature reads {@code household.events}; the
 * feature that follows applications takes these events through this port, inside the listener's transaction, so
 * that households never depends on it.
 */
public interface DepartmentDecisions {

    /** True for the events this port takes. */
    boolean takes(HouseholdEvent event);

    /** Moves the application (and its case) the decision is about; nothing when none waits for it. */
    Mono<Void> on(HouseholdEvent event);
}
