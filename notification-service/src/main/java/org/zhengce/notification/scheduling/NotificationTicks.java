package org.zhengce.notification.scheduling;

import java.time.Duration;
import org.springframework.stereotype.Component;
import org.zhengce.notification.alerts.Escalations;
import org.zhengce.notification.delivery.WebhookDispatcher;
import reactor.core.publisher.Mono;

/**
 * One tick: escalate what was not acknowledged in time, then send the webhooks that are due, both at the injected
 * clock's now. Run by {@link ScheduledTicks} every {@code notification.scheduler.tick}, or called by a test after it
 * moved its clock.
 */
@Component
public class NotificationTicks {

    private final Escalations escalations;
    private final WebhookDispatcher dispatcher;
    private final SchedulerSettings settings;

    NotificationTicks(Escalations escalations, WebhookDispatcher dispatcher, SchedulerSettings settings) {
        this.escalations = escalations;
        this.dispatcher = dispatcher;
        this.settings = settings;
    }

    /** What a tick did. */
    public record Tick(long escalated, long deliveriesTaken) {}

    public Mono<Tick> run() {
        return escalations
                .escalateDue(settings.batchSize())
                .zipWhen(escalated -> dispatcher.dispatchDue())
                .map(both -> new Tick(both.getT1(), both.getT2()));
    }

    /** Runs a tick to its end. */
    public Tick tick() {
        Tick tick = run().block(Duration.ofMinutes(2));
        return tick == null ? new Tick(0, 0) : tick;
    }
}
