package org.zhengce.authserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;
import org.yaml.snakeyaml.Yaml;

/**
 * The demo logins are the demo city's advisors and supervisors, with the communities and areas referral gives them,
 * and a worker of one of its organisations.
 */
class DemoLoginsMatchTheDemoCityTests {

    @Test
    void everyAdvisorAndSupervisorOfTheDemoCityCanSignInWithTheirJurisdictions() throws Exception {
        List<DemoUser> logins = new Binder(ConfigurationPropertySources.from(
                        new YamlPropertySourceLoader().load("auth-server", new ClassPathResource("auth-server.yml"))))
                .bind("auth-server.users", Bindable.listOf(DemoUser.class))
                .get();

        List<DemoUser> city = new ArrayList<>();
        Map<String, Object> jurisdictions;
        try (InputStream in = new ClassPathResource("demo-city/jurisdictions.yaml").getInputStream()) {
            jurisdictions = new Yaml().load(in);
        }
        for (Map<String, Object> advisor : entries(jurisdictions, "advisors")) {
            city.add(new DemoUser(
                    (String) advisor.get("id"),
                    (String) advisor.get("name"),
                    List.of("ADVISOR"),
                    strings(advisor.get("communities"))));
        }
        for (Map<String, Object> supervisor : entries(jurisdictions, "supervisors")) {
            city.add(new DemoUser(
                    (String) supervisor.get("id"),
                    (String) supervisor.get("name"),
                    List.of("SUPERVISOR"),
                    List.of((String) supervisor.get("jurisdiction"))));
        }

        assertThat(logins).containsAll(city);
        // an organisation's worker works for one of the city's organisations
        List<String> organisations = entries(jurisdictions, "organisations").stream()
                .map(organisation -> (String) organisation.get("id"))
                .toList();
        assertThat(logins)
                .filteredOn(user -> user.roles().contains("ORGANISATION"))
                .isNotEmpty()
                .allSatisfy(user -> assertThat(organisations).contains(user.organisation()));
        assertThat(logins)
                .filteredOn(user -> user.roles().contains("PLATFORM_ADMIN"))
                .extracting(DemoUser::id, DemoUser::jurisdictions)
                .containsExactly(tuple("admin", List.of("1101")));
        // the auditor reads the audit trail and is not the admin (referral refuses the admin its reads)
        assertThat(logins)
                .filteredOn(user -> user.roles().contains("AUDITOR"))
                .extracting(DemoUser::id, DemoUser::roles)
                .containsExactly(tuple("auditor", List.of("AUDITOR")));
    }

    @Test
    void everyReporterLoginIsARegisteredReporterOfIntakeInTheSameCommunity() throws Exception {
        List<DemoUser> reporters = new Binder(ConfigurationPropertySources.from(
                        new YamlPropertySourceLoader().load("auth-server", new ClassPathResource("auth-server.yml"))))
                .bind("auth-server.users", Bindable.listOf(DemoUser.class)).get().stream()
                        .filter(user -> user.roles().contains("REPORTER"))
                        .toList();
        String seed;
        try (InputStream in = new ClassPathResource("db/intake/V15__reporters_and_tips.sql").getInputStream()) {
            seed = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }

        assertThat(reporters).isNotEmpty().allSatisfy(reporter -> {
            assertThat(reporter.roles()).containsExactly("REPORTER");
            assertThat(reporter.jurisdictions()).hasSize(1);
            assertThat(seed)
                    .containsPattern("\\('" + reporter.id() + "', '[A-Z_]+', '"
                            + reporter.jurisdictions().get(0) + "', 'advisor-[a-z-]+'\\)");
        });
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(Map<String, Object> yaml, String key) {
        return (List<Map<String, Object>>) yaml.get(key);
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object list) {
        return (List<String>) list;
    }
}
