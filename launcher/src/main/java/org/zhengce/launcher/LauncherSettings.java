package org.zhengce.launcher;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the local run keeps its data and which ports it listens on.
 *
 * @param dataDirectory the broker's log, the databases and the services' local state; kept across restarts
 * @param reset delete the data directory before starting
 * @param kafkaPort the broker's client port (0 picks a free one)
 * @param registryPort the schema registry's HTTP port (0 picks a free one)
 * @param postgresPort PostgreSQL's port (0 picks a free one)
 * @param authServerPort the authorisation server's HTTP port, part of every token's issuer (0 picks a free one)
 * @param firstServicePort the intake service's HTTP port; scoring, referral and notification take the next three
 *     (0 gives every service a free port)
 * @param demoFeed the demo city's households and a trickle of department events, sent through intake
 */
@Validated
@ConfigurationProperties("launcher")
record LauncherSettings(
        Path dataDirectory,
        boolean reset,
        @Min(0) @Max(65535) int kafkaPort,
        @Min(0) @Max(65535) int registryPort,
        @Min(0) @Max(65535) int postgresPort,
        @Min(0) @Max(65535) int authServerPort,
        @Min(0) @Max(65531) int firstServicePort,
        DemoFeedSettings demoFeed) {

    /**
     * The demo feed.
     *
     * @param enabled send the demo city through intake once the services are up
     * @param households how many households the demo city has
     * @param eventsPerSecond the trickle's rate after the registrations and the stories
     */
    record DemoFeedSettings(
            boolean enabled, @Min(1) int households, @Min(0) double eventsPerSecond) {}

    int servicePort(int index) {
        return firstServicePort == 0 ? 0 : firstServicePort + index;
    }
}
