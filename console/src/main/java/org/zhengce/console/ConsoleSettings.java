package org.zhengce.console;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The console's settings (prefix {@code console}).
 *
 * @param registrationId the OAuth2 client registration the user signs in with
 *     ({@code spring.security.oauth2.client.registration.<id>})
 * @param services the services the page may call, by the name in its path: {@code /api/<name>/**} is relayed to
 *     {@code <url>/**} with the user's access token
 * @param connectTimeout how long a relayed call may take to connect to a service
 */
@Validated
@ConfigurationProperties("console")
record ConsoleSettings(
        @NotEmpty String registrationId,
        @NotEmpty Map<String, URI> services,
        @NotNull Duration connectTimeout) {}
