package org.zhengce.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.csrf;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockOidcLogin;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.springSecurity;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.test.StepVerifier;

/**
 * The backend-for-frontend alone, against a stand-in service (the JDK's HTTP server) and a provider configured
 * without discovery: who may call what, how calls and answers cross the relay, the page's routes.
 */
@SpringBootTest(
        properties = {
            "spring.config.name=console",
            "spring.security.oauth2.client.registration.console.provider=test-idp",
            "spring.security.oauth2.client.provider.test-idp.authorization-uri=http://idp.test/oauth2/authorize",
            "spring.security.oauth2.client.provider.test-idp.token-uri=http://idp.test/oauth2/token",
            "spring.security.oauth2.client.provider.test-idp.jwk-set-uri=http://idp.test/oauth2/jwks",
            "spring.security.oauth2.client.provider.test-idp.user-name-attribute=sub",
            "spring.security.oauth2.client.registration.console.client-secret=test-secret"
        })
class ConsoleTests {

    private static final HttpServer referral;
    private static final Map<String, String> received = new ConcurrentHashMap<>();

    static {
        try {
            referral = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        referral.createContext("/cases/mine", exchange -> {
            received.put("path", exchange.getRequestURI().toString());
            received.put(
                    "authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            received.put("cookie", String.valueOf(exchange.getRequestHeaders().getFirst("Cookie")));
            received.put("if-match", String.valueOf(exchange.getRequestHeaders().getFirst("If-Match")));
            byte[] body = "[{\"id\":\"c1\"}]".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Link", "</cases/mine?cursor=abc>; rel=\"next\"");
            exchange.getResponseHeaders().add("ETag", "\"7\"");
            exchange.getResponseHeaders().add("Set-Cookie", "service=leaks");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        referral.createContext("/alerts/stream", exchange -> {
            received.put(
                    "last-event-id", String.valueOf(exchange.getRequestHeaders().getFirst("Last-Event-ID")));
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 1; i <= 2; i++) {
                    out.write(
                            ("id:" + i + "\nevent:alert\ndata:{\"n\":" + i + "}\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
        });
        referral.start();
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        String url = "http://127.0.0.1:" + referral.getAddress().getPort();
        registry.add("console.services.referral", () -> url);
        registry.add("console.services.notification", () -> url);
    }

    @AfterAll
    static void stopTheService() {
        referral.stop(0);
    }

    @Autowired
    ApplicationContext context;

    WebTestClient browser;

    @BeforeEach
    void browser() {
        received.clear();
        browser = WebTestClient.bindToApplicationContext(context)
                .apply(springSecurity())
                .configureClient()
                .responseTimeout(Duration.ofSeconds(20))
                .build();
    }

    @Test
    void anApiCallWithoutASessionIsA401ProblemNotARedirect() {
        browser.get()
                .uri("/api/referral/cases/mine")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("sign in again"));
        assertThat(received).isEmpty();
    }

    @Test
    void signingInRemembersOnlyAPathOfThisOrigin() {
        browser.get()
                .uri("/login?return=//evil.example/")
                .exchange()
                .expectStatus()
                .isFound()
                .expectHeader()
                .location("/oauth2/authorization/console");
        browser.get()
                .uri("/oauth2/authorization/console")
                .exchange()
                .expectStatus()
                .isFound()
                .expectHeader()
                .value(
                        HttpHeaders.LOCATION,
                        location -> assertThat(location)
                                .startsWith("http://idp.test/oauth2/authorize?")
                                .contains("code_challenge_method=S256")
                                .contains("client_id=platform-console")
                                .containsPattern("redirect_uri=[^&]*/login/callback"));
    }

    @Test
    void theSignedInUserIsReadFromTheIdToken() {
        browser.mutateWith(mockOidcLogin()
                        .idToken(token -> token.subject("advisor-wang-fang")
                                .claim("name", "王芳")
                                .claim("roles", List.of("ADVISOR"))
                                .claim("jurisdictions", List.of("110105001001"))))
                .get()
                .uri("/api/me")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo("advisor-wang-fang")
                .jsonPath("$.name")
                .isEqualTo("王芳")
                .jsonPath("$.roles[0]")
                .isEqualTo("ADVISOR")
                .jsonPath("$.organisation")
                .doesNotExist();
    }

    @Test
    void aCallIsRelayedWithTheUsersTokenAndTheAnswersLinksBecomeTheRelaysPaths() {
        browser.mutateWith(mockOidcLogin())
                .get()
                .uri("/api/referral/cases/mine?stage=ASSIGNED&limit=2")
                .header(HttpHeaders.IF_MATCH, "\"6\"")
                .header(HttpHeaders.COOKIE, "SESSION=browser-secret")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.LINK, "</api/referral/cases/mine?cursor=abc>; rel=\"next\"")
                .expectHeader()
                .valueEquals(HttpHeaders.ETAG, "\"7\"")
                .expectHeader()
                .value(HttpHeaders.SET_COOKIE, cookie -> assertThat(cookie).doesNotContain("service="))
                .expectBody()
                .jsonPath("$[0].id")
                .isEqualTo("c1");
        assertThat(received.get("path")).isEqualTo("/cases/mine?stage=ASSIGNED&limit=2");
        assertThat(received.get("authorization")).startsWith("Bearer ");
        assertThat(received.get("if-match")).isEqualTo("\"6\"");
        assertThat(received.get("cookie")).isEqualTo("null");
    }

    @Test
    void aChangeWithoutTheCsrfTokenIsRefusedBeforeItReachesAService() {
        browser.mutateWith(mockOidcLogin())
                .post()
                .uri("/api/referral/cases/mine")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isForbidden();
        assertThat(received).isEmpty();
        browser.mutateWith(mockOidcLogin())
                .mutateWith(csrf())
                .post()
                .uri("/api/referral/cases/mine")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(received.get("path")).isEqualTo("/cases/mine");
    }

    @Test
    void theAlertStreamIsStreamedThroughWithItsLastEventId() {
        StepVerifier.create(browser.mutateWith(mockOidcLogin())
                        .get()
                        .uri("/api/notification/alerts/stream")
                        .header("Last-Event-ID", "41")
                        .accept(MediaType.TEXT_EVENT_STREAM)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .returnResult(String.class)
                        .getResponseBody())
                .expectNext("{\"n\":1}", "{\"n\":2}")
                .verifyComplete();
        assertThat(received.get("last-event-id")).isEqualTo("41");
    }

    @Test
    void anUnknownServiceIsNotFound() {
        browser.mutateWith(mockOidcLogin())
                .get()
                .uri("/api/payroll/salaries")
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void everyPagePathIsTheAppAndNothingIsCachedButItsHashedAssets() {
        browser.get()
                .uri("/cases/3f2a")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader()
                .value(HttpHeaders.CACHE_CONTROL, value -> assertThat(value).contains("no-cache"))
                .expectHeader()
                .value("Content-Security-Policy", csp -> assertThat(csp).contains("script-src 'self'"))
                .expectBody(String.class)
                .value(html -> assertThat(html).contains("<div id=\"app\""));
        browser.get().uri("/api").exchange().expectStatus().isUnauthorized();
        browser.get().uri("/no-such-file.js").exchange().expectStatus().isNotFound();
    }
}
