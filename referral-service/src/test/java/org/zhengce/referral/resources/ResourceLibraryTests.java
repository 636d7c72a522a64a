package org.zhengce.referral.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.zhengce.referral.ReferralStackTest;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The resource library against PostgreSQL: matching by community, service and free capacity; reservations. */
class ResourceLibraryTests extends ReferralStackTest {

    private static final String CHAOWAI = "110105002002";
    private static final String CHAOWAI_ADVISOR = advisor("advisor-zhang-wei", "110105002001", "110105002002");
    private static final String JIANWAI_ADVISOR = advisor("advisor-wang-fang", "110105001001", "110105001002");

    @Autowired
    ResourceLibrary library;

    @Autowired
    DatabaseClient db;

    @Autowired
    TransactionalOperator transactions;

    private static UUID caseId;

    /** Once per class (the database is the class's): a case the test referrals belong to. */
    @BeforeEach
    void aCase() {
        if (caseId != null) {
            return;
        }
        UUID id = UUID.randomUUID();
        db.sql("insert into cases (id, household_number, community_code, status, urgency, category, owner_id,"
                        + " owner_role, version, opened_at, updated_at) values (:id, 'H-RESOURCES-1', :community,"
                        + " 'OPEN', 'IN_STAGES', 'ASSISTANCE_MISSING', 'advisor-zhang-wei', 'ADVISOR', 0, :at, :at)")
                .bind("id", id)
                .bind("community", CHAOWAI)
                .bind("at", Instant.parse("2026-12-01T08:00:00Z"))
                .then()
                .block();
        caseId = id;
    }

    private void organisation(String id, OrganisationKind kind, int capacity, String... services) {
        http.post()
                .uri("/admin/organisations")
                .headers(h -> h.setBearerAuth(admin()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "id",
                        id,
                        "name",
                        id,
                        "kind",
                        kind.name(),
                        "services",
                        List.of(services),
                        "capacity",
                        capacity,
                        "communities",
                        List.of(CHAOWAI)))
                .exchange()
                .expectStatus()
                .isCreated();
    }

    private Mono<Void> referral(String organisationId, String status) {
        return db.sql("insert into case_referrals (id, case_id, plan_version, tier, organisation_id, service, status,"
                        + " created_at, updated_at) values (:id, :case, 1, 'REFERRAL', :organisation, 'daily.errands',"
                        + " :status, :at, :at)")
                .bind("id", UUID.randomUUID())
                .bind("case", caseId)
                .bind("organisation", organisationId)
                .bind("status", status)
                .bind("at", Instant.parse("2026-12-01T09:00:00Z"))
                .then();
    }

    private long openReferrals(String organisationId) {
        return db.sql("select count(*) from case_referrals where organisation_id = :id and status in ('PROPOSED',"
                        + " 'ACCEPTED')")
                .bind("id", organisationId)
                .map(row -> row.get(0, Long.class))
                .one()
                .blockOptional()
                .orElse(0L);
    }

    @Test
    void matchOrdersByFreeCapacityAndLeavesOutFullOrganisations() {
        organisation("org-test-errands-small", OrganisationKind.CARING_COMPANY, 2, "daily.errands");
        organisation("org-test-errands-large", OrganisationKind.VOLUNTEER_TEAM, 5, "daily.errands", "daily.cleaning");
        referral("org-test-errands-small", "PROPOSED").block();
        referral("org-test-errands-small", "DECLINED").block();
        referral("org-test-errands-small", "COMPLETED").block();
        referral("org-test-errands-large", "ACCEPTED").block();

        library.match(CHAOWAI, List.of("daily.errands"))
                .as(StepVerifier::create)
                .assertNext(matches -> assertThat(matches).singleElement().satisfies(match -> {
                    assertThat(match.nameZh()).isEqualTo("代购代办");
                    assertThat(match.available())
                            .extracting(MatchedResource::organisationId, MatchedResource::freeCapacity)
                            .containsExactly(
                                    org.assertj.core.groups.Tuple.tuple("org-test-errands-large", 4),
                                    org.assertj.core.groups.Tuple.tuple("org-test-errands-small", 1));
                    assertThat(match.available().get(0).kind()).isEqualTo(OrganisationKind.VOLUNTEER_TEAM);
                    assertThat(match.atCapacity()).isEmpty();
                }))
                .expectComplete()
                .verify(Duration.ofSeconds(30));

        referral("org-test-errands-small", "ACCEPTED").block();
        library.match(CHAOWAI, List.of("daily.errands", "daily.cleaning", "legal.aid"))
                .as(StepVerifier::create)
                .assertNext(matches -> {
                    assertThat(matches)
                            .extracting(ResourceMatch::serviceItem)
                            .containsExactly("daily.errands", "daily.cleaning", "legal.aid");
                    assertThat(matches.get(0).available())
                            .extracting(MatchedResource::organisationId)
                            .containsExactly("org-test-errands-large");
                    assertThat(matches.get(0).atCapacity()).containsExactly("org-test-errands-small");
                    assertThat(matches.get(1).available())
                            .extracting(MatchedResource::organisationId)
                            .containsExactly("org-test-errands-large");
                    assertThat(matches.get(2).available())
                            .extracting(MatchedResource::organisationId)
                            .containsExactly("org-chaoyang-legal-aid");
                })
                .expectComplete()
                .verify(Duration.ofSeconds(30));
        assertThat(library.hasCapacity("org-test-errands-small").block()).isFalse();
        assertThat(library.hasCapacity("org-test-errands-large").block()).isTrue();

        http.get()
                .uri(uri -> uri.path("/resources")
                        .queryParam("community", CHAOWAI)
                        .queryParam("service", "daily.errands")
                        .build())
                .headers(h -> h.setBearerAuth(CHAOWAI_ADVISOR))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[0].available[0].organisationId")
                .isEqualTo("org-test-errands-large")
                .jsonPath("$[0].available[0].openReferrals")
                .isEqualTo(1)
                .jsonPath("$[0].atCapacity[0]")
                .isEqualTo("org-test-errands-small");
    }

    @Test
    void reserveRefusesAFullOrganisationWithAConflict() {
        organisation("org-test-full", OrganisationKind.SOCIAL_ORGANISATION, 1, "daily.bathing");
        referral("org-test-full", "PROPOSED").block();
        transactions
                .transactional(library.reserve("org-test-full").then(referral("org-test-full", "PROPOSED")))
                .as(StepVerifier::create)
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(ResourceProblem.class);
                    assertThat(((ResourceProblem) error).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
                    assertThat(((ResourceProblem) error).getBody().getDetail()).contains("org-test-full");
                })
                .verify(Duration.ofSeconds(30));
        assertThat(openReferrals("org-test-full")).isEqualTo(1);
        assertThatThrownBy(() -> library.reserve("org-test-full").block())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inside the transaction");
        transactions
                .transactional(library.reserve("org-unknown"))
                .as(StepVerifier::create)
                .expectErrorSatisfies(error ->
                        assertThat(((ResourceProblem) error).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND))
                .verify(Duration.ofSeconds(30));
    }

    @Test
    void concurrentReservationsOfTheLastPlaceLetOnlyOneThrough() throws Exception {
        organisation("org-test-last-place", OrganisationKind.VOLUNTEER_TEAM, 1, "daily.bathing");
        CompletableFuture<Void> firstReserved = new CompletableFuture<>();
        CompletableFuture<Void> secondWaits = new CompletableFuture<>();
        // the first holds the organisation's row until the second is seen waiting for it, then commits
        CompletableFuture<Void> first = transactions
                .transactional(library.reserve("org-test-last-place")
                        .then(referral("org-test-last-place", "PROPOSED"))
                        .then(Mono.fromRunnable(() -> firstReserved.complete(null)))
                        .then(Mono.fromFuture(secondWaits)))
                .toFuture();
        firstReserved.get(30, TimeUnit.SECONDS);
        CompletableFuture<Void> second = transactions
                .transactional(library.reserve("org-test-last-place").then(referral("org-test-last-place", "PROPOSED")))
                .toFuture();
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> db.sql("select count(*) from pg_locks where not granted")
                                .map(row -> row.get(0, Long.class))
                                .one()
                                .block(),
                        waiting -> waiting > 0);
        secondWaits.complete(null);

        first.get(30, TimeUnit.SECONDS);
        assertThatThrownBy(() -> second.get(30, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ResourceProblem.class)
                .cause()
                .satisfies(error ->
                        assertThat(((ResourceProblem) error).getStatusCode()).isEqualTo(HttpStatus.CONFLICT));
        assertThat(openReferrals("org-test-last-place")).isEqualTo(1);
    }

    @Test
    void resourcesOutsideTheCallersJurisdictionOrOffTheMenuAreRefused() {
        http.get()
                .uri("/resources?community=110105001001&service=medical.escort")
                .headers(h -> h.setBearerAuth(JIANWAI_ADVISOR))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[0].available[0].organisationId")
                .isEqualTo("org-yangguang-social-work")
                .jsonPath("$[0].available[0].freeCapacity")
                .isEqualTo(40);
        http.get()
                .uri("/resources?community=" + CHAOWAI + "&service=medical.escort")
                .headers(h -> h.setBearerAuth(JIANWAI_ADVISOR))
                .exchange()
                .expectStatus()
                .isForbidden();
        http.get()
                .uri("/resources?community=" + CHAOWAI + "&service=medical.teleportation")
                .headers(h -> h.setBearerAuth(CHAOWAI_ADVISOR))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("service");
        http.get()
                .uri("/resources?community=" + CHAOWAI + "&service=medical.escort")
                .headers(h -> h.setBearerAuth(admin()))
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void serviceMenuIsServedToAdvisorsSupervisorsAndAdmins() {
        for (String token : List.of(JIANWAI_ADVISOR, supervisor("supervisor-chaoyang", "110105"), admin())) {
            http.get()
                    .uri("/service-menu")
                    .headers(h -> h.setBearerAuth(token))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.categories.length()")
                    .isEqualTo(8)
                    .jsonPath("$.categories[?(@.code == 'medical')].items[0].code")
                    .isEqualTo(List.of("medical.escort"));
        }
        http.get().uri("/service-menu").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void organisationOfferingAServiceOffTheMenuIsRefusedNamingTheField() {
        http.post()
                .uri("/admin/organisations")
                .headers(h -> h.setBearerAuth(admin()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "id",
                        "org-test-cooking",
                        "name",
                        "烹饪课",
                        "kind",
                        "CARING_COMPANY",
                        "services",
                        List.of("daily.meal-delivery", "cooking.classes"),
                        "capacity",
                        3,
                        "communities",
                        List.of(CHAOWAI)))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("services")
                .jsonPath("$.value")
                .isEqualTo("cooking.classes");
        organisation("org-test-canteen", OrganisationKind.CARING_COMPANY, 3, "daily.meal-delivery");
        http.get()
                .uri("/admin/organisations")
                .headers(h -> h.setBearerAuth(admin()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.id == 'org-test-canteen')].kind")
                .isEqualTo(List.of("CARING_COMPANY"))
                .jsonPath("$[?(@.id == 'org-yangguang-social-work')].kind")
                .isEqualTo(List.of("SOCIAL_ORGANISATION"))
                .jsonPath("$[?(@.id == 'org-jianwai-caring-canteen')].kind")
                .isEqualTo(List.of("CARING_COMPANY"));
    }
}
