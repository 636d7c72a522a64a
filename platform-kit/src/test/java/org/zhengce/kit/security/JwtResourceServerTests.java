package org.zhengce.kit.security;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
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
            return token -> token.equals("advisor")
                    ? Mono.just(Jwt.withTokenValue(token)
                            .header("alg", "none")
                            .subject("advisor-1")
                            .claim(Caller.ROLES, List.of("ADVISOR", "UNKNOWN"))
                            .build())
                    : Mono.error(new BadJwtException("the token is not valid"));
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
}
