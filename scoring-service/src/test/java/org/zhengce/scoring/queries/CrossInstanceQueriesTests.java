package org.zhengce.scoring.queries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.zhengce.scoring.HouseholdEventSupport.COMMUNITY;
import static org.zhengce.scoring.HouseholdEventSupport.family;
import static org.zhengce.scoring.HouseholdEventSupport.medicalExpense;
import static org.zhengce.scoring.HouseholdEventSupport.pseudonym;
import static org.zhengce.scoring.HouseholdEventSupport.registered;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.zhengce.kit.audit.AuditTrail;
import org.zhengce.scoring.ScoringApplication;
import org.zhengce.scoring.ScoringStackTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two instances of scoring share the partitions: each answers for every household, asking the other for those it
 * does not hold, and the whole-store reports merge both instances' parts.
 */
class CrossInstanceQueriesTests extends ScoringStackTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    AuditTrail trail;

    private static final List<String> HOUSEHOLDS = IntStream.rangeClosed(1, 8)
            .mapToObj(n -> COMMUNITY + "-04%02d".formatted(n))
            .toList();
    private static final List<String> WAITING = IntStream.rangeClosed(1, 4)
            .mapToObj(n -> pseudonym("cross-instance/unregistered-" + n))
            .toList();

    @Test
    void everyInstanceAnswersForEveryHouseholdAndMergesTheReports() {
        HOUSEHOLDS.forEach(household -> publish(registered(household, COMMUNITY, family(household))));
        WAITING.forEach(person -> publish(medicalExpense(person, "mi-" + person.substring(0, 8), 100_000)));
        String advisor = advisorOf(COMMUNITY);
        await().atMost(PATIENCE)
                .untilAsserted(() -> HOUSEHOLDS.forEach(
                        h -> portrait(http, h, advisor, false).expectStatus().isOk()));

        int secondPort = freePort();
        try (ConfigurableApplicationContext second = secondInstance(secondPort)) {
            WebTestClient other = WebTestClient.bindToServer()
                    .baseUrl("http://localhost:" + secondPort)
                    .responseTimeout(PATIENCE)
                    .build();

            // once the partitions are shared, some households are held by the other instance only (asked alone,
            // the first instance answers 503 for those, as it does while the instances rebalance) ...
            await().atMost(PATIENCE)
                    .untilAsserted(() -> assertThat(HOUSEHOLDS.stream()
                                    .filter(h -> isUnavailableHere(h, advisor))
                                    .count())
                            .isBetween(1L, (long) HOUSEHOLDS.size() - 1));
            // ... and either instance answers for all of them, with the caller's token
            await().atMost(PATIENCE).untilAsserted(() -> {
                for (String household : HOUSEHOLDS) {
                    for (WebTestClient instance : List.of(http, other)) {
                        portrait(instance, household, advisor, false)
                                .expectStatus()
                                .isOk()
                                .expectBody()
                                .jsonPath("$.householdNumber")
                                .isEqualTo(household);
                    }
                    portrait(other, household, advisorOf("110105002001"), false)
                            .expectStatus()
                            .isForbidden();
                }
            });
            await().atMost(PATIENCE).untilAsserted(() -> {
                for (WebTestClient instance : List.of(http, other)) {
                    assertThat(waitingPersons(instance)).containsAll(WAITING);
                }
            });
            // a question the other instance answers is audited once, here where it was asked, with the community
            // the holder named (the forwarded question is signed: the holder leaves it to this instance's audit)
            await().atMost(PATIENCE).untilAsserted(() -> {
                String heldThere = HOUSEHOLDS.stream()
                        .filter(h -> isUnavailableHere(h, advisor))
                        .findFirst()
                        .orElseThrow();
                long before = portraitReads(heldThere);
                portrait(http, heldThere, advisor, false).expectStatus().isOk();
                assertThat(portraitReads(heldThere)).isEqualTo(before + 1);
                assertThat(trail.about("household-portrait", heldThere).last().block(Duration.ofSeconds(10)))
                        .satisfies(record -> {
                            assertThat(record.actor()).isEqualTo("advisor-" + COMMUNITY);
                            assertThat(record.jurisdiction()).isEqualTo(COMMUNITY);
                            assertThat(record.allowed()).isTrue();
                        });
            });
        }
        // the first instance takes every partition back
        await().atMost(PATIENCE)
                .untilAsserted(() -> HOUSEHOLDS.forEach(
                        h -> portrait(http, h, advisor, true).expectStatus().isOk()));
    }

    private static ConfigurableApplicationContext secondInstance(int port) {
        return ScoringApplication.application()
                // its own event loops: closing it must not stop the loops every other server here runs on
                .initializers(context -> ((GenericApplicationContext) context)
                        .registerBean(ReactorResourceFactory.class, () -> {
                            ReactorResourceFactory resources = new ReactorResourceFactory();
                            resources.setUseGlobalResources(false);
                            return resources;
                        }))
                .run(java.util.stream.Stream.concat(
                                java.util.stream.Stream.of(
                                        "--server.port=" + port,
                                        "--spring.kafka.bootstrap-servers=" + bootstrapServers(),
                                        "--spring.kafka.properties.schema.registry.url=" + registryUrl(),
                                        "--spring.kafka.streams.state-dir=" + newStateDirectory(),
                                        "--spring.kafka.streams.properties.application.server=localhost:" + port,
                                        "--spring.kafka.streams.properties.session.timeout.ms=6000",
                                        "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + jwkSetUri(),
                                        "--scoring.audit.peer-secret=" + PEER_SECRET,
                                        "--scoring.tick=250ms"),
                                databaseProperties().entrySet().stream()
                                        .map(property -> "--" + property.getKey() + "=" + property.getValue()))
                        .toArray(String[]::new));
    }

    /** How many reads of {@code household}'s portrait the trail (both instances share it) holds. */
    private long portraitReads(String household) {
        return Objects.requireNonNull(
                trail.about("household-portrait", household).count().block(Duration.ofSeconds(10)));
    }

    private static WebTestClient.ResponseSpec portrait(
            WebTestClient instance, String household, String token, boolean local) {
        return instance.get()
                .uri(b -> b.path("/households/{household}/portrait")
                        .queryParam("local", local)
                        .build(household))
                .headers(h -> h.setBearerAuth(token))
                .exchange();
    }

    /** True when the first instance answers 503, with Retry-After, for a household it is asked for alone. */
    private boolean isUnavailableHere(String household, String token) {
        EntityExchangeResult<String> answer =
                portrait(http, household, token, true).expectBody(String.class).returnResult();
        if (answer.getStatus().value() != 503) {
            return false;
        }
        assertThat(answer.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER))
                .isNotBlank();
        assertThat(answer.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        return true;
    }

    private static List<String> waitingPersons(WebTestClient instance) {
        String body = instance.get()
                .uri("/unresolved-persons")
                .headers(h -> h.setBearerAuth(admin()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        JsonNode persons = JSON.readTree(body).path("persons");
        return StreamSupport.stream(persons.spliterator(), false)
                .map(p -> p.path("person").asString())
                .toList();
    }
}
