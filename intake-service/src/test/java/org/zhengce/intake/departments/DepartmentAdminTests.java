package org.zhengce.intake.departments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.zhengce.intake.IntakeDatabaseTest;
import reactor.test.StepVerifier;

/** The admin API and the registry's store against a real PostgreSQL migrated by Flyway from empty. */
class DepartmentAdminTests extends IntakeDatabaseTest {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Autowired
    WebTestClient http;

    @Autowired
    DepartmentStore store;

    @Autowired
    DatabaseClient db;

    private WebTestClient.RequestHeadersSpec<?> post(String path, String json) {
        return http.post()
                .uri(path)
                .header("X-API-Key", ADMIN_KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json);
    }

    private static String registration(String code) {
        return """
                {"code": "%s", "name": "Test department %s",
                 "allowedEventTypes": ["VisitRecorded", "TipReported"],
                 "jurisdictionScope": ["330106"], "rateLimitPerSecond": 50}
                """.formatted(code, code);
    }

    /**
     * Removes the row V2 seeded for {@code code}, so that the test can register it: the data standard knows only its
     * Department symbols, and the migrations seed every one of them.
     */
    private void forgetTheSeeded(String code) {
        db.sql("delete from departments where code = :code")
                .bind("code", code)
                .fetch()
                .rowsUpdated()
                .as(StepVerifier::create)
                .expectNext(1L)
                .expectComplete()
                .verify(TIMEOUT);
    }

    /** Registers {@code code} and expects a 400 problem naming {@code rule}. */
    private WebTestClient.BodyContentSpec refusedRegistration(String code, String rule) {
        return post("/admin/departments", registration(code))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.rule")
                .isEqualTo(rule);
    }

    private IssuedApiKey issueKey(String code) {
        return http.post()
                .uri("/admin/departments/{code}/api-keys", code)
                .header("X-API-Key", ADMIN_KEY)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(IssuedApiKey.class)
                .returnResult()
                .getResponseBody();
    }

    @Test
    void migrationsApplyToTheEmptyDatabaseAndSeedTheDepartmentsOfTheVocabulary() throws java.io.IOException {
        // SQL migrations and Java ones (the kit's audit trail, V10)
        var resolver = new org.springframework.core.io.support.PathMatchingResourcePatternResolver();
        long migrations = resolver.getResources("classpath:db/intake/V*.sql").length
                + resolver.getResources("classpath:db/intake/V*.class").length;
        assertThat(migrations).isGreaterThanOrEqualTo(5);
        db.sql("select count(*) as applied from flyway_schema_history where success")
                .map(row -> row.get("applied", Long.class))
                .one()
                .as(StepVerifier::create)
                .expectNext(migrations)
                .expectComplete()
                .verify(TIMEOUT);

        store.find("HUMAN_RESOURCES_SOCIAL_SECURITY")
                .as(StepVerifier::create)
                .assertNext(hr -> {
                    assertThat(hr.enabled()).isTrue();
                    assertThat(hr.allowedEventTypes()).contains("EmploymentEnded", "PensionStarted");
                    // seeded with the demo city's district: an empty scope would cover nothing (issue 15)
                    assertThat(hr.jurisdictionScope()).containsExactly("110105");
                })
                .expectComplete()
                .verify(TIMEOUT);

        store.findAll()
                .map(Department::code)
                .collectList()
                .as(StepVerifier::create)
                .assertNext(codes -> assertThat(codes)
                        .contains(
                                "CIVIL_AFFAIRS",
                                "MEDICAL_INSURANCE",
                                "HEALTH",
                                "HUMAN_RESOURCES_SOCIAL_SECURITY",
                                "EDUCATION",
                                "DISABLED_PERSONS_FEDERATION",
                                "JUSTICE",
                                "HOUSING",
                                "EMERGENCY_MANAGEMENT",
                                "UTILITIES",
                                "COMMUNITY"))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void registeredDepartmentCanBeReadAndListed() {
        forgetTheSeeded("JUSTICE");
        post("/admin/departments", registration("JUSTICE"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("JUSTICE")
                .jsonPath("$.enabled")
                .isEqualTo(true);

        http.get()
                .uri("/admin/departments/JUSTICE")
                .header("X-API-Key", ADMIN_KEY)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Department.class)
                .value(d -> {
                    assertThat(d.allowedEventTypes()).containsExactlyInAnyOrder("VisitRecorded", "TipReported");
                    assertThat(d.jurisdictionScope()).containsExactly("330106");
                    assertThat(d.rateLimitPerSecond()).isEqualTo(50);
                });

        http.get()
                .uri("/admin/departments")
                .header("X-API-Key", ADMIN_KEY)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBodyList(Department.class)
                .value(all -> assertThat(all).extracting(Department::code).contains("JUSTICE", "CIVIL_AFFAIRS"));
    }

    @Test
    void registeringATakenCodeIsAConflict() {
        forgetTheSeeded("HOUSING");
        post("/admin/departments", registration("HOUSING"))
                .exchange()
                .expectStatus()
                .isCreated();

        post("/admin/departments", registration("HOUSING"))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("department HOUSING already exists");
    }

    @Test
    @SuppressWarnings("unchecked")
    void codeUnknownToTheDataStandardIsRefusedSayingHowToAddIt() {
        refusedRegistration("GRID_NORTH", "department.known-to-data-standard")
                .jsonPath("$.department")
                .isEqualTo("GRID_NORTH")
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail)
                        .contains("not a Department symbol of the data standard")
                        .contains("department.matches-sender")
                        .contains("dept.grid-north.events")
                        .contains("Adding a department"))
                .jsonPath("$.knownDepartments")
                .value(known -> assertThat((List<Object>) known)
                        .contains("CIVIL_AFFAIRS", "COMMUNITY", "PUBLIC_SECURITY")
                        .doesNotContain("OTHER"));

        store.find("GRID_NORTH").as(StepVerifier::create).expectComplete().verify(TIMEOUT);
        http.post()
                .uri("/admin/departments/GRID_NORTH/api-keys")
                .header("X-API-Key", ADMIN_KEY)
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void theDataStandardsPlaceholderOtherIsRefusedSayingWhy() {
        refusedRegistration("OTHER", "department.not-other")
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail)
                        .contains("placeholder")
                        .contains("a department its version does not know yet")
                        .contains("Adding a department"));

        store.find("OTHER").as(StepVerifier::create).expectComplete().verify(TIMEOUT);
    }

    @Test
    void unknownDepartmentIsNotFound() {
        http.get()
                .uri("/admin/departments/NO_SUCH_DEPARTMENT")
                .header("X-API-Key", ADMIN_KEY)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("no department NO_SUCH_DEPARTMENT");

        http.post()
                .uri("/admin/departments/NO_SUCH_DEPARTMENT/api-keys")
                .header("X-API-Key", ADMIN_KEY)
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    @SuppressWarnings("unchecked")
    void invalidRegistrationNamesEveryBadField() {
        post("/admin/departments", """
                        {"code": "lower-case", "name": "",
                         "allowedEventTypes": ["VisitRecorded"], "jurisdictionScope": [], "rateLimitPerSecond": 0}
                        """)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("invalid fields: code, jurisdictionScope, name, rateLimitPerSecond")
                .jsonPath("$.errors[*].field")
                .value(fields -> assertThat((List<Object>) fields)
                        .containsExactlyInAnyOrder("code", "name", "rateLimitPerSecond", "jurisdictionScope"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void departmentWithoutAScopeIsRefusedSayingHowToNameItsAreas() {
        post("/admin/departments", """
                        {"code": "GRID_NOWHERE", "name": "Grid workers",
                         "allowedEventTypes": ["VisitRecorded"], "jurisdictionScope": [], "rateLimitPerSecond": 5}
                        """)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("invalid fields: jurisdictionScope")
                .jsonPath("$.errors[0].message")
                .value(message -> assertThat((String) message)
                        .contains("an empty scope covers nothing")
                        .contains("110105"));
        store.find("GRID_NOWHERE").as(StepVerifier::create).expectComplete().verify(TIMEOUT);
    }

    @Test
    void changeReplacesTypesScopeAndRateLimitAndKeepsTheDepartmentEnabled() {
        forgetTheSeeded("EMERGENCY_MANAGEMENT");
        post("/admin/departments", registration("EMERGENCY_MANAGEMENT"))
                .exchange()
                .expectStatus()
                .isCreated();

        http.put()
                .uri("/admin/departments/EMERGENCY_MANAGEMENT")
                .header("X-API-Key", ADMIN_KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"name": "Grid east", "allowedEventTypes": ["TipReported"],
                         "jurisdictionScope": ["330106", "330108"], "rateLimitPerSecond": 20}
                        """)
                .exchange()
                .expectStatus()
                .isOk();

        store.find("EMERGENCY_MANAGEMENT")
                .as(StepVerifier::create)
                .assertNext(d -> {
                    assertThat(d.name()).isEqualTo("Grid east");
                    assertThat(d.allowedEventTypes()).isEqualTo(Set.of("TipReported"));
                    assertThat(d.jurisdictionScope()).containsExactly("330106", "330108");
                    assertThat(d.rateLimitPerSecond()).isEqualTo(20);
                    assertThat(d.enabled()).isTrue();
                    assertThat(d.updatedAt()).isAfterOrEqualTo(d.createdAt());
                })
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void issuedKeyIsShownOnceAndOnlyAHashOfItsSecretIsStored() {
        forgetTheSeeded("UTILITIES");
        post("/admin/departments", registration("UTILITIES"))
                .exchange()
                .expectStatus()
                .isCreated();

        IssuedApiKey issued = issueKey("UTILITIES");
        String secret = issued.apiKey().substring(issued.apiKey().indexOf('.') + 1);

        store.findKey(issued.keyId())
                .as(StepVerifier::create)
                .assertNext(stored -> {
                    assertThat(stored.secretHash()).isEqualTo(ApiKeys.sha256(secret));
                    assertThat(stored.revokedAt()).isNull();
                    assertThat(stored.department().code()).isEqualTo("UTILITIES");
                })
                .expectComplete()
                .verify(TIMEOUT);
        db.sql("select row_to_json(k)::text as row from department_api_keys k where key_id = :id")
                .bind("id", issued.keyId())
                .map(row -> row.get("row", String.class))
                .one()
                .as(StepVerifier::create)
                .assertNext(row -> assertThat(row).contains(issued.keyId()).doesNotContain(secret))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void rotationRevokesTheOlderKey() {
        forgetTheSeeded("DISABLED_PERSONS_FEDERATION");
        post("/admin/departments", registration("DISABLED_PERSONS_FEDERATION"))
                .exchange()
                .expectStatus()
                .isCreated();
        IssuedApiKey first = issueKey("DISABLED_PERSONS_FEDERATION");
        IssuedApiKey second = issueKey("DISABLED_PERSONS_FEDERATION");

        store.findKey(first.keyId())
                .as(StepVerifier::create)
                .assertNext(stored -> assertThat(stored.revokedAt()).isNotNull())
                .expectComplete()
                .verify(TIMEOUT);
        http.get()
                .uri("/departments/me")
                .header("X-API-Key", first.apiKey())
                .exchange()
                .expectStatus()
                .isUnauthorized();
        http.get()
                .uri("/departments/me")
                .header("X-API-Key", second.apiKey())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("DISABLED_PERSONS_FEDERATION");
    }

    @Test
    void adminApiRefusesADepartmentKey() {
        IssuedApiKey community = issueKey("COMMUNITY");

        http.get()
                .uri("/admin/departments")
                .header("X-API-Key", community.apiKey())
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void adminApiWithoutCredentialsIsUnauthorized() {
        http.get()
                .uri("/admin/departments")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .exists("WWW-Authenticate");
    }
}
