package org.zhengce.notification.stream;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The alert stream.
 *
 * @param heartbeat a comment line on every open stream this often (keeps proxies from closing it); each also catches
 *     up from the database, for alerts raised on another instance
 * @param retention a {@code Last-Event-ID} whose next alerts are older than this is answered 410 Gone
 */
@ConfigurationProperties("notification.stream")
@Validated
record StreamSettings(@NotNull Duration heartbeat, @NotNull Duration retention) {}
