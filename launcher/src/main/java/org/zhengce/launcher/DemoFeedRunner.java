package org.zhengce.launcher;

import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.zhengce.democity.feed.DemoFeed;

/**
 * Sends the demo city through intake once the services are up (after {@link PlatformServices}, stopped before
 * them): its households' registrations, the scripted stories that raise warnings within a minute, then a trickle.
 * It authenticates with intake's local admin key and issues each department a key of its own.
 */
@Component
class DemoFeedRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DemoFeedRunner.class);

    private final LauncherSettings settings;
    private final PlatformServices services;
    private final LocalSecrets secrets;
    private @Nullable DemoFeed feed;

    DemoFeedRunner(LauncherSettings settings, PlatformServices services, LocalSecrets secrets) {
        this.settings = settings;
        this.services = services;
        this.secrets = secrets;
    }

    @Override
    public synchronized void start() {
        LauncherSettings.DemoFeedSettings demo = settings.demoFeed();
        if (demo == null || !demo.enabled()) {
            log.info("demo feed off (launcher.demo-feed.enabled=false)");
            return;
        }
        int intake = services.running().stream()
                .filter(service -> service.name().equals("intake-service"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the demo feed needs intake, which is not running"))
                .port();
        feed = DemoFeed.builder()
                .intake(URI.create("http://localhost:" + intake))
                .adminApiKey(secrets.adminApiKey())
                .households(demo.households())
                .eventsPerSecond(demo.eventsPerSecond())
                .build();
        feed.start();
        log.info(
                "demo feed started: {} households, then {} events/s through intake on port {}",
                demo.households(),
                demo.eventsPerSecond(),
                intake);
    }

    @Override
    public synchronized void stop() {
        if (feed != null) {
            feed.close();
            feed = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return feed != null;
    }

    /** After the services, before them on the way down. */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE;
    }
}
