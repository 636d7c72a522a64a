package org.zhengce.referral.policies;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.zhengce.referral.ReferralStackTest;

/** The policy library over HTTP and in PostgreSQL: the admin API, evaluation by jurisdiction, seed versions. */
class PolicyLibraryTests extends ReferralStackTest {

    private static final String JIANWAI_ADVISOR = advisor("advisor-wang-fang", "110105001001", "110105001002");
    private static final String CHAOWAI_ADVISOR = advisor("advisor-zhang-wei", "110105002001", "110105002002");
    private static final String ADMIN = admin();

    @Autowired
    PolicyLibrary library;

    @Autowired
    PolicySeedLoader seedLoader;

    @Autowired
    DatabaseClient db;

    private WebTestClient.ResponseSpec put(String uri, Object body, String token) {
        return http.put()
                .uri(uri)
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private WebTestClient.ResponseSpec evaluate(String community, Household household, String token) {
        return http.post()
                .uri("/policies/evaluate")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("communityCode", community, "facts", household.facts()))
                .exchange();
    }

    private static Map<String, Object> programme(String when, String amount, List<String> shareWith) {
        return Map.of(
                "nameZh",
                "冬季取暖补贴",
                "nameEn",
                "Winter heating subsidy",
                "symbol",
                "OTHER",
                "conditions",
                List.of(
                        Map.of("label", "有老年人 an elderly member", "when", "elderlyMembers > 0"),
                        Map.of("label", "收入较低 low income", "when", when)),
                "estimatedMonthlyAmountFen",
                amount,
                "shareWith",
                shareWith);
    }

    private long count(String sql) {
        return db.sql(sql)
                .map(row -> row.get(0, Long.class))
                .one()
                .blockOptional()
                .orElse(0L);
    }

    @Test
    void adminListsTheSeededProgrammesWithTheirParameters() {
        http.get()
                .uri("/admin/programmes")
                .headers(h -> h.setBearerAuth(ADMIN))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.programme.code == 'DIBAO')].parameters.1101.dibaoLineFen")
                .isEqualTo(List.of(145000))
                .jsonPath("$[?(@.programme.code == 'DIBAO')].programme.shareWith[0]")
                .isEqualTo(List.of("MEDICAL_INSURANCE"))
                .jsonPath("$[?(@.programme.code == 'CHILD_WELFARE')].programme.symbol")
                .isEqualTo(List.of("OTHER"));
        http.get()
                .uri("/policies")
                .headers(h -> h.setBearerAuth(JIANWAI_ADVISOR))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[0].programme.code")
                .isEqualTo("DIBAO");
    }

    @Test
    void nonAdminsCannotReadOrChangeTheLibrary() {
        http.get()
                .uri("/admin/programmes")
                .headers(h -> h.setBearerAuth(JIANWAI_ADVISOR))
                .exchange()
                .expectStatus()
                .isForbidden();
        put("/admin/programmes/DIBAO/parameters/1101", Map.of("dibaoLineFen", 1), supervisor("s", "110105"))
                .expectStatus()
                .isForbidden();
        http.get().uri("/admin/programmes").exchange().expectStatus().isUnauthorized();
        assertThat(library.parametersFor("DIBAO", "110105001001")).containsEntry("dibaoLineFen", dec(145000));
    }

    @Test
    void invalidDefinitionIsRefusedNamingTheField() {
        put("/admin/programmes/WINTER_BAD", programme("monthlyIncomePerCapitaFen <", "#subsidyFen", List.of()), ADMIN)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("conditions[1].when");
        put(
                        "/admin/programmes/WINTER_BAD",
                        programme("T(java.lang.Runtime).getRuntime().exec('id') != null", "#subsidyFen", List.of()),
                        ADMIN)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("conditions[1].when")
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("not allowed"));
        put("/admin/programmes/WINTER_BAD", programme("members > 0", "members > 1", List.of()), ADMIN)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("estimatedMonthlyAmountFen");
        put(
                        "/admin/programmes/WINTER_BAD",
                        programme("members > 0", "#subsidyFen", List.of("UTILITIES", "HEATING_COMPANY")),
                        ADMIN)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("shareWith[1]");
        Map<String, Object> badSymbol = new java.util.HashMap<>(programme("members > 0", "#subsidyFen", List.of()));
        badSymbol.put("symbol", "HEATING");
        put("/admin/programmes/WINTER_BAD", badSymbol, ADMIN)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("symbol");
        put("/admin/programmes/winter", programme("members > 0", "#subsidyFen", List.of()), ADMIN)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("code");
        assertThat(library.programme("WINTER_BAD")).isEmpty();
        assertThat(count("select count(*) from programmes where code = 'WINTER_BAD'"))
                .isZero();
    }

    @Test
    void newProgrammeAndItsParametersAreEvaluatedAtOnce() {
        long before = library.revision();
        put(
                        "/admin/programmes/WINTER_HEATING_AID",
                        programme("monthlyIncomePerCapitaFen < #incomeCeilingFen", "#subsidyFen", List.of("UTILITIES")),
                        ADMIN)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.shareWith[0]")
                .isEqualTo("UTILITIES");
        put(
                        "/admin/programmes/WINTER_HEATING_AID/parameters/1101",
                        Map.of("incomeCeilingFen", 290000, "subsidyFen", 20000),
                        ADMIN)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.subsidyFen")
                .isEqualTo(20000);
        evaluate("110105001001", Household.of(2).elderly(1).incomeYuan(2_000), JIANWAI_ADVISOR)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.eligible[?(@.programmeCode == 'WINTER_HEATING_AID')].estimatedMonthlyAmountFen")
                .isEqualTo(List.of(20000))
                .jsonPath("$.eligible[?(@.programmeCode == 'WINTER_HEATING_AID')].shareWith[0]")
                .isEqualTo(List.of("UTILITIES"))
                .jsonPath("$.libraryRevision")
                .value(revision -> assertThat(((Number) revision).longValue()).isGreaterThan(before));
        assertThat(library.shareWith("WINTER_HEATING_AID"))
                .extracting(Enum::name)
                .containsExactly("UTILITIES");
        assertThat(count("select count(*) from policy_library_changes where programme_code = 'WINTER_HEATING_AID'"
                        + " and changed_by = 'admin-1'"))
                .isEqualTo(2);
    }

    @Test
    void streetParameterOverridesTheCityForItsCommunitiesOnly() {
        put("/admin/programmes/DIBAO/parameters/110105002", Map.of("dibaoLineFen", 160000), ADMIN)
                .expectStatus()
                .isOk();
        Household household = Household.of(3).incomeYuan(1_500);
        evaluate("110105002001", household, CHAOWAI_ADVISOR)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.eligible[?(@.programmeCode == 'DIBAO')].estimatedMonthlyAmountFen")
                .isEqualTo(List.of((160000 - 150000) * 3));
        evaluate("110105001001", household, JIANWAI_ADVISOR)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.notEligible[?(@.programmeCode == 'DIBAO')].reason")
                .isEqualTo(List.of("CONDITIONS_NOT_MET"));
    }

    @Test
    void invalidParametersAreRefusedNamingTheField() {
        put("/admin/programmes/DIBAO/parameters/1101", Map.of("dibaoLineFen", "high"), ADMIN)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("parameters.dibaoLineFen");
        put("/admin/programmes/DIBAO/parameters/110199", Map.of("dibaoLineFen", 1), ADMIN)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("jurisdiction");
        put("/admin/programmes/DIBAO/parameters/beijing", Map.of("dibaoLineFen", 1), ADMIN)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("jurisdiction");
        put("/admin/programmes/NO_SUCH_PROGRAMME/parameters/1101", Map.of("dibaoLineFen", 1), ADMIN)
                .expectStatus()
                .isNotFound();
        assertThat(library.parametersFor("DIBAO", "1101")).containsEntry("dibaoLineFen", dec(145000));
    }

    @Test
    void evaluationOutsideTheCallersJurisdictionIsRefused() {
        Household household = Household.of(3).incomeYuan(1_000);
        evaluate("110105002001", household, JIANWAI_ADVISOR).expectStatus().isForbidden();
        evaluate("110105002001", household, supervisor("supervisor-chaoyang", "110105"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.eligible[0].programmeCode")
                .isEqualTo("DIBAO");
        evaluate("110105002001", household, ADMIN).expectStatus().isForbidden();
        evaluate("1101050", household, JIANWAI_ADVISOR)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("communityCode");
    }

    @Test
    void seedVersionIsLoadedOnceAndABumpedVersionAgain() {
        assertThat(count("select count(*) from policy_seed_versions")).isEqualTo(1);
        assertThat(count("select count(*) from programmes")).isGreaterThanOrEqualTo(11);
        put(
                        "/admin/programmes/EDUCATION_AID/parameters/1101",
                        Map.of("lowIncomeLineFen", 290000, "monthlyAidPerStudentFen", 30000),
                        ADMIN)
                .expectStatus()
                .isOk();

        ClassPathResource demo = new ClassPathResource("demo-city/policy-library.yaml");
        assertThat(seedLoader.load(demo).block()).isFalse();
        assertThat(library.parametersFor("EDUCATION_AID", "110105001001"))
                .as("an admin change survives a restart with the same file")
                .containsEntry("monthlyAidPerStudentFen", dec(30000));

        assertThat(seedLoader.load(bumped(demo)).block()).isTrue();
        assertThat(count("select count(*) from policy_seed_versions")).isEqualTo(2);
        assertThat(count("select (parameters ->> 'monthlyAidPerStudentFen')::bigint from programme_parameters"
                        + " where programme_code = 'EDUCATION_AID' and jurisdiction_code = '1101'"))
                .as("a new version of the file replaces the parameters it lists")
                .isEqualTo(25000);
    }

    /** The demo file with another version, under the same file name. */
    private static ByteArrayResource bumped(ClassPathResource demo) {
        try {
            String text = demo.getContentAsString(StandardCharsets.UTF_8)
                    .replaceFirst("(?m)^version: .*$", "version: \"2099-01-01.1\"");
            return new ByteArrayResource(text.getBytes(StandardCharsets.UTF_8)) {
                @Override
                public String getFilename() {
                    return "policy-library.yaml";
                }
            };
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static java.math.BigDecimal dec(long value) {
        return java.math.BigDecimal.valueOf(value);
    }

    @Test
    void eachProgrammeNamesTheDepartmentCompetentForItsDecisions() {
        assertThat(library.programme("DIBAO").orElseThrow().competentDepartment())
                .isEqualTo(org.zhengce.events.Department.CIVIL_AFFAIRS);
        assertThat(library.programme("MEDICAL_ASSISTANCE").orElseThrow().competentDepartment())
                .isEqualTo(org.zhengce.events.Department.MEDICAL_INSURANCE);
        // every programme of the demo city's library names one
        assertThat(library.programmes())
                .filteredOn(programme -> !programme.code().startsWith("WINTER_"))
                .hasSize(11)
                .allSatisfy(programme -> assertThat(programme.competentDepartment())
                        .as(programme.code())
                        .isNotNull());
        // never proposed to anyone (no household has fewer than no members)
        Map<String, Object> winter = new java.util.HashMap<>(programme("members < 0", "#subsidyFen", List.of()));
        for (String notADepartment : List.of("HEATING_COMPANY", "OTHER")) {
            winter.put("competentDepartment", notADepartment);
            put("/admin/programmes/WINTER_HEATING", winter, ADMIN)
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.field")
                    .isEqualTo("competentDepartment");
        }
        winter.put("competentDepartment", "UTILITIES");
        put("/admin/programmes/WINTER_HEATING", winter, ADMIN)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.competentDepartment")
                .isEqualTo("UTILITIES");
        assertThat(library.programme("WINTER_HEATING").orElseThrow().competentDepartment())
                .isEqualTo(org.zhengce.events.Department.UTILITIES);
    }
}
