package org.zhengce.notification.scheduling;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** Runs the tick on a fixed delay unless {@code notification.scheduler.enabled} is false. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "notification.scheduler.enabled", havingValue = "true", matchIfMissing = true)
class ScheduledTicks {

    private static final Logger log = LoggerFactory.getLogger(ScheduledTicks.class);

    private final NotificationTicks ticks;

    ScheduledTicks(NotificationTicks ticks) {
        this.ticks = ticks;
    }

    @Scheduled(
            fixedDelayString = "${notification.scheduler.tick}",
            initialDelayString = "${notification.scheduler.tick}")
    void scheduled() {
        try {
            ticks.tick();
        } catch (RuntimeException e) {
            log.warn("notification tick failed, will run again: {}", e.toString());
        }
    }
}
