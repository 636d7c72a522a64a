package org.zhengce.kit.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.config.EnableWebFlux;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.zhengce.kit.web.ProblemResponses;
import reactor.core.publisher.Mono;

/** The chain of a JWT resource server: closed without an issuer, admin paths, the service's rules, refusals. */
class JwtResourceServerTests {

    enum Role {
        ADVISOR,
        ADMIN
    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebFlux
    @EnableWebFluxSecurity
    static class Service {

        @Bean
        RouterFunction<ServerResponse> everything() {
            return RouterFunctions.route(
                    RequestPredicates.all(), request -> ServerResponse.ok().bodyValue("served"));
        }

        @Bean
        SecurityWebFilterChain chain(
                ServerHttpSecurity http, ServerCodecConfigurer codecs, ObjectProvider<ReactiveJwtDecoder> decoder) {
            return StatelessChains.jwtResourceServer(
                    http,
                    codecs,
                    decoder.getIfAvailable(),
                    "test",
                    "test-service",
                    Role.class,
                    Role.ADMIN,
                    exchanges -> exchanges
                            .pathMatchers("/mine")
                            .hasRole(Role.ADVISOR.name())
                            .anyExchange()
                            .denyAll());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Issuer {

        @Bean
        ReactiveJwtDecoder jwtDecoder() {
            return token -> switch (token) {
                case "advisor" -> Mono.just(advisor(List.of("test-service", "other-service"), List.of("110105001001")));
                case "advisor-of-other-service" ->
                    Mono.just(advisor(List.of("other-service"), List.of("110105001001")));
                case "advisor-without-audience" -> Mono.just(advisor(List.of(), List.of("110105001001")));
                case "advisor-of-a-street" -> Mono.just(advisor(List.of("test-service"), List.of("110105001")));
                case "advisor-of-nowhere" -> Mono.just(advisor(List.of("test-service"), List.of()));
                default -> Mono.error(new BadJwtException("the token is not valid"));
            };
        }

        private static Jwt advisor(List<String> audience, List<String> jurisdictions) {
            Jwt.Builder token = Jwt.withTokenValue("t")
                    .header("alg", "none")
                    .subject("advisor-1")
                    .claim(Caller.ROLES, List.of("ADVISOR", "UNKNOWN"))
                    .claim(Caller.JURISDICTIONS, jurisdictions);
            return audience.isEmpty() ? token.build() : token.audience(audience).build();
        }
    }

    /**
     * The child context Spring Boot serves the actuator from when {@code management.server.port} is set: its
     * requests pass through the service's chain, and carry this context, named {@code management}.
     */
    static final class ManagementServer extends AnnotationConfigApplicationContext
            implements WebServerApplicationContext {

        ManagementServer(Class<?>... configurations) {
            super(configurations);
        }

        @Override
        public WebServer getWebServer() {
            throw new UnsupportedOperationException("no server in this test: requests are bound to the context");
        }

        @Override
        public String getServerNamespace() {
            return StatelessChains.MANAGEMENT_SERVER;
        }
    }

    private static WebTestClient client(Class<?>... configurations) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(configurations);
        return WebTestClient.bindToApplicationContext(context).build();
    }

    @Test
    void withoutAnIssuerOnlyTheHealthProbesAreOpen() {
        WebTestClient client = client(Service.class);

        client.get().uri("/actuator/health").exchange().expectStatus().isOk();
        client.get()
                .uri("/mine")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .doesNotExist("WWW-Authenticate")
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo(ProblemResponses.NO_ISSUER);
    }

    @Test
    void withAnIssuerTheServiceRulesDecideAndRefusalsAreProblems() {
        WebTestClient client = client(Service.class, Issuer.class);

        client.get().uri("/v3/api-docs").exchange().expectStatus().isOk();
        client.get()
                .uri("/mine")
                .headers(headers -> headers.setBearerAuth("advisor"))
                .exchange()
                .expectStatus()
                .isOk();
        client.get()
                .uri("/mine")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals("WWW-Authenticate", "Bearer")
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("a bearer token is required");
        client.get()
                .uri("/admin/advisors")
                .headers(headers -> headers.setBearerAuth("advisor"))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("the caller's roles may not use GET /admin/advisors");
        client.get()
                .uri("/elsewhere")
                .headers(headers -> headers.setBearerAuth("advisor"))
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void aTokenForAnotherServiceIsRefusedSayingWhomItIsFor() {
        WebTestClient client = client(Service.class, Issuer.class);

        client.get()
                .uri("/mine")
                .headers(headers -> headers.setBearerAuth("advisor-of-other-service"))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.detail")
                .value(detail ->
                        assertThat((String) detail).contains("the token is for other-service, not for test-service"));
        client.get()
                .uri("/mine")
                .headers(headers -> headers.setBearerAuth("advisor-without-audience"))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("the token has no audience (aud)"));
    }

    @Test
    void aRefusedJurisdictionsClaimOpensNothingAndItsRefusalNamesTheClaim() {
        WebTestClient client = client(Service.class, Issuer.class);

        client.get()
                .uri("/mine")
                .headers(headers -> headers.setBearerAuth("advisor-of-nowhere"))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Jurisdictions claim refused")
                .jsonPath("$.detail")
                .isEqualTo("the jurisdictions claim is empty: it names no area");
        client.get()
                .uri("/mine")
                .headers(headers -> headers.setBearerAuth("advisor-of-a-street"))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("an advisor's claim must name communities"));
    }

    private static WebTestClient.ResponseSpec get(WebTestClient client, String uri) {
        return client.get().uri(uri).exchange();
    }

    @Test
    void theScrapeIsOpenOnTheManagementPortAloneAndTheRestOfTheActuatorStaysTheAdmins() {
        WebTestClient servicePort = client(Service.class, Issuer.class);
        WebTestClient managementPort = WebTestClient.bindToApplicationContext(
                        new ManagementServer(Service.class, Issuer.class))
                .build();

        get(managementPort, "/actuator/prometheus").expectStatus().isOk();
        get(managementPort, "/actuator/health/readiness").expectStatus().isOk();
        get(managementPort, "/actuator/metrics")
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals("WWW-Authenticate", "Bearer");
        managementPort
                .get()
                .uri("/actuator/metrics")
                .headers(headers -> headers.setBearerAuth("advisor"))
                .exchange()
                .expectStatus()
                .isForbidden();
        // on the service's own port the scrape is the admin's, as the rest of the actuator
        get(servicePort, "/actuator/prometheus").expectStatus().isUnauthorized();
        servicePort
                .get()
                .uri("/actuator/prometheus")
                .headers(headers -> headers.setBearerAuth("advisor"))
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void withoutAnIssuerTheManagementPortStillServesTheScrapeAndNothingElse() {
        WebTestClient managementPort = WebTestClient.bindToApplicationContext(new ManagementServer(Service.class))
                .build();

        get(managementPort, "/actuator/prometheus").expectStatus().isOk();
        get(managementPort, "/actuator/env").expectStatus().isUnauthorized();
        get(client(Service.class), "/actuator/prometheus").expectStatus().isUnauthorized();
    }
}
