package org.zhengce.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/** The console's production profile: no default secret, a clear refusal without one, HTTPS-only session cookies. */
class ProductionSecretsTest {

    @Test
    void givenNoSecret_whenTheConsoleStartsInProduction_thenItRefusesNamingEachMissingSetting() {
        assertThatThrownBy(() -> ConsoleApplication.application()
                        .profiles("production")
                        .web(WebApplicationType.NONE)
                        .run()
                        .close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Refusing to start: ")
                .hasMessageContaining(
                        "spring.security.oauth2.client.registration.console.client-secret (environment variable"
                                + " CONSOLE_CLIENT_SECRET)")
                .hasMessageContaining("spring.security.oauth2.client.provider.platform.issuer-uri (environment variable"
                        + " CONSOLE_ISSUER_URI)");
    }

    @Test
    void givenItsSecrets_whenTheConsoleStartsInProduction_thenItsSettingsAreThemAndCookiesNeedHttps() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(NothingElse.class)
                .properties(
                        "spring.config.name=" + ConsoleApplication.NAME,
                        "CONSOLE_CLIENT_SECRET=console-secret",
                        "CONSOLE_ISSUER_URI=https://idp.city.example/realms/platform")
                .profiles("production")
                .web(WebApplicationType.NONE)
                .listeners(new ProductionSecrets())
                .run()) {
            var environment = context.getEnvironment();

            assertThat(environment.getProperty("spring.security.oauth2.client.registration.console.client-secret"))
                    .isEqualTo("console-secret");
            assertThat(environment.getProperty("server.reactive.session.cookie.secure"))
                    .isEqualTo("true");
        }
    }

    /** No bean at all: only the configuration is under test. */
    @Configuration(proxyBeanMethods = false)
    static class NothingElse {}
}
