package org.zhengce.registry.parity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zhengce.registry.Fixtures.CONTRACT;
import static org.zhengce.registry.Fixtures.ORDER;
import static org.zhengce.registry.Fixtures.UNKNOWN_TYPE;
import static org.zhengce.registry.Fixtures.USER_V1;
import static org.zhengce.registry.Fixtures.USER_V2;
import static org.zhengce.registry.Fixtures.USER_WITH_REQUIRED_AGE;
import static org.zhengce.registry.parity.ScenarioRun.subjectPath;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.zhengce.registry.migration.RegistryRestClient.Answer;
import tools.jackson.databind.JsonNode;

/**
 * The scenarios both registries play: each checks the statuses and error codes Confluent's REST reference gives as it
 * goes, and keeps every answer for the field-by-field comparison ({@link ConfluentParityTests}). Each scenario uses
 * subjects of its own ({@link ScenarioRun#subject}) and changes no global setting, so they run in any order on a
 * registry other scenarios share.
 */
final class ParityScenarios {

    /** A named scenario. */
    record Scenario(String name, Consumer<ScenarioRun> play) {

        @Override
        public String toString() {
            return name;
        }
    }

    private ParityScenarios() {}

    static List<Scenario> all() {
        return List.of(
                new Scenario("register with metadata and ruleSet", ParityScenarios::registerWithContract),
                new Scenario("versions and look-ups", ParityScenarios::versionsAndLookUps),
                new Scenario("compatibility", ParityScenarios::compatibility),
                new Scenario("config", ParityScenarios::config),
                new Scenario("mode", ParityScenarios::mode),
                new Scenario("deleted flags", ParityScenarios::deletedFlags),
                new Scenario("contexts", ParityScenarios::contexts),
                new Scenario("schemas listing", ParityScenarios::schemasListing),
                new Scenario("errors", ParityScenarios::errors));
    }

    static void registerWithContract(ScenarioRun run) {
        String subject = run.subject("orders-value");
        Answer registered = run.post("register", subjectPath(subject, "/versions"), body(ORDER, CONTRACT), 200);
        int id = registered.body().path("id").asInt();
        String guid = registered.body().path("guid").asString();
        assertThat(registered.body().path("version").asInt()).isEqualTo(1);
        assertThat(guid).isNotBlank();

        run.get("version 1", subjectPath(subject, "/versions/1"), 200);
        run.get("latest", subjectPath(subject, "/versions/latest"), 200);
        run.get("by id", "/schemas/ids/" + id, 200);
        run.get("by guid", "/schemas/guids/" + guid, 200);
        run.get("latest with metadata", subjectPath(subject, "/metadata?key=owner&value=intake"), 200);
        run.error(
                run.get("no version with metadata", subjectPath(subject, "/metadata?key=owner&value=nobody"), 404),
                40403);
        Answer again = run.post(
                "same schema and contract again", subjectPath(subject, "/versions"), body(ORDER, CONTRACT), 200);
        assertThat(again.body().path("id").asInt()).isEqualTo(id);
        Answer without =
                run.post("same schema without a contract", subjectPath(subject, "/versions"), body(ORDER, null), 200);
        assertThat(without.body().path("version").asInt()).isEqualTo(1);
        Map<String, Object> other = Map.of("metadata", Map.of("properties", Map.of("owner", "scoring")));
        Answer otherContract =
                run.post("same schema, another contract", subjectPath(subject, "/versions"), body(ORDER, other), 200);
        assertThat(otherContract.body().path("version").asInt()).isEqualTo(2);
        assertThat(otherContract.body().path("id").asInt()).isNotEqualTo(id);
        run.post("look the contract's version up", subjectPath(subject, ""), body(ORDER, CONTRACT), 200);
    }

    static void versionsAndLookUps(ScenarioRun run) {
        String subject = run.subject("users-value");
        run.put("subject level", "/config/" + subject, Map.of("compatibility", "BACKWARD"), 200);
        run.post("register v1", subjectPath(subject, "/versions"), body(USER_V1, null), 200);
        run.post("register v2", subjectPath(subject, "/versions"), body(USER_V2, null), 200);
        run.get("versions", subjectPath(subject, "/versions"), 200);
        run.post("look v1 up", subjectPath(subject, ""), body(USER_V1, null), 200);
        run.get("latest", subjectPath(subject, "/versions/latest"), 200);
        run.get("-1", subjectPath(subject, "/versions/-1"), 200);
        run.get("schema only", subjectPath(subject, "/versions/1/schema"), 200);
        run.error(run.get("unknown version", subjectPath(subject, "/versions/3"), 404), 40402);
        run.error(run.get("invalid version", subjectPath(subject, "/versions/abc"), 422), 42202);
        run.error(run.post("look an unregistered schema up", subjectPath(subject, ""), body(ORDER, null), 404), 40403);
        run.error(run.get("unknown subject", subjectPath(run.subject("nobody-value"), "/versions"), 404), 40401);
    }

    static void compatibility(ScenarioRun run) {
        String subject = run.subject("compatibility-value");
        run.put("subject level", "/config/" + subject, Map.of("compatibility", "BACKWARD"), 200);
        run.post("register v1", subjectPath(subject, "/versions"), body(USER_V1, null), 200);
        Answer incompatible = run.post(
                "check a required field",
                "/compatibility" + subjectPath(subject, "/versions/latest"),
                body(USER_WITH_REQUIRED_AGE, null),
                200);
        assertThat(incompatible.body().path("is_compatible").asBoolean()).isFalse();
        run.post(
                "check verbosely",
                "/compatibility" + subjectPath(subject, "/versions/latest?verbose=true"),
                body(USER_WITH_REQUIRED_AGE, null),
                200);
        Answer compatible = run.post(
                "check an optional field",
                "/compatibility" + subjectPath(subject, "/versions"),
                body(USER_V2, null),
                200);
        assertThat(compatible.body().path("is_compatible").asBoolean()).isTrue();
        run.error(
                run.post(
                        "register an incompatible schema",
                        subjectPath(subject, "/versions"),
                        body(USER_WITH_REQUIRED_AGE, null),
                        409),
                409);
        run.put("level NONE", "/config/" + subject, Map.of("compatibility", "NONE"), 200);
        run.post("register it under NONE", subjectPath(subject, "/versions"), body(USER_WITH_REQUIRED_AGE, null), 200);
        run.post(
                "check against an unknown subject",
                "/compatibility" + subjectPath(run.subject("new-value"), "/versions/latest"),
                body(USER_V1, null),
                200);
    }

    static void config(ScenarioRun run) {
        String subject = run.subject("config-value");
        run.post("register", subjectPath(subject, "/versions"), body(USER_V1, null), 200);
        run.error(run.get("no subject config", "/config/" + subject, 404), 40408);
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("compatibility", "FULL");
        update.put("normalize", true);
        update.put("compatibilityGroup", "application.major.version");
        update.put("defaultMetadata", Map.of("properties", Map.of("owner", "intake")));
        run.put("set fields", "/config/" + subject, update, 200);
        run.get("read them", "/config/" + subject, 200);
        run.put("change one", "/config/" + subject, Map.of("compatibility", "FORWARD"), 200);
        run.get("the others kept", "/config/" + subject, 200);
        run.error(run.put("unknown level", "/config/" + subject, Map.of("compatibility", "SIDEWAYS"), 422), 42203);
        run.delete("remove", "/config/" + subject, 200);
        run.error(run.get("removed", "/config/" + subject, 404), 40408);
    }

    static void mode(ScenarioRun run) {
        String subject = run.subject("mode-value");
        run.post("register", subjectPath(subject, "/versions"), body(USER_V1, null), 200);
        run.error(run.get("no subject mode", "/mode/" + subject, 404), 40409);
        run.put("read-only", "/mode/" + subject, Map.of("mode", "READONLY"), 200);
        run.get("read it", "/mode/" + subject, 200);
        run.error(
                run.post("register while read-only", subjectPath(subject, "/versions"), body(USER_V2, null), 422),
                42205);
        run.error(run.put("unknown mode", "/mode/" + subject, Map.of("mode", "SOMETIMES"), 422), 42204);
        run.delete("remove", "/mode/" + subject, 200);
        run.post("register again", subjectPath(subject, "/versions"), body(USER_V2, null), 200);
    }

    static void deletedFlags(ScenarioRun run) {
        String subject = run.subject("deleted-value");
        Answer first = run.post("register v1", subjectPath(subject, "/versions"), body(USER_V1, null), 200);
        run.post("register v2", subjectPath(subject, "/versions"), body(USER_V2, null), 200);
        run.delete("soft-delete v1", subjectPath(subject, "/versions/1"), 200);
        run.get("live versions", subjectPath(subject, "/versions"), 200);
        run.get("with deleted", subjectPath(subject, "/versions?deleted=true"), 200);
        run.get("deleted only", subjectPath(subject, "/versions?deletedOnly=true"), 200);
        run.get("a deleted version by ?deleted", subjectPath(subject, "/versions/1?deleted=true"), 200);
        run.error(run.get("a deleted version", subjectPath(subject, "/versions/1"), 404), 40402);
        run.error(run.delete("soft-delete it again", subjectPath(subject, "/versions/1"), 404), 40406);
        run.error(
                run.delete("permanently, a live version", subjectPath(subject, "/versions/2?permanent=true"), 404),
                40407);
        run.delete("soft-delete the subject", subjectPath(subject, ""), 200);
        run.get("subjects with deleted", "/subjects?deleted=true&subjectPrefix=" + query(subject), 200);
        run.get("live subjects", "/subjects?subjectPrefix=" + query(subject), 200);
        run.get(
                "the id still resolves",
                "/schemas/ids/" + first.body().path("id").asInt(),
                200);
        run.error(run.delete("soft-delete the subject again", subjectPath(subject, ""), 404), 40404);
        run.delete("permanently", subjectPath(subject, "?permanent=true"), 200);
        run.error(run.get("gone", subjectPath(subject, "/versions?deleted=true"), 404), 40401);
    }

    static void contexts(ScenarioRun run) {
        String subject = ":.parity-department:" + run.subject("households-value");
        run.post("register in a context", subjectPath(subject, "/versions"), body(USER_V1, null), 200);
        run.get("its version", subjectPath(subject, "/versions/1"), 200);
        run.get("subjects of the context", "/subjects?subjectPrefix=" + query(subject), 200);
        List<String> contexts = new ArrayList<>();
        run.get("contexts", "/contexts", 200).body().forEach(context -> contexts.add(context.asString()));
        run.fact("contexts hold the default and the new one", contexts.containsAll(List.of(".", ".parity-department")));
        assertThat(contexts).contains(".", ".parity-department");
    }

    static void schemasListing(ScenarioRun run) {
        String a = run.subject("listing-a-value");
        String b = run.subject("listing-b-value");
        run.post("register a1", subjectPath(a, "/versions"), body(USER_V1, null), 200);
        run.post("register a2", subjectPath(a, "/versions"), body(USER_V2, null), 200);
        run.post("register b1", subjectPath(b, "/versions"), body(ORDER, null), 200);
        run.delete("soft-delete a2", subjectPath(a, "/versions/2"), 200);
        String prefix = query(run.subject("listing-"));
        run.get("live", "/schemas?subjectPrefix=" + prefix, 200);
        run.get("with deleted", "/schemas?deleted=true&subjectPrefix=" + prefix, 200);
        run.get("latest only", "/schemas?latestOnly=true&subjectPrefix=" + prefix, 200);
        run.get("a page", "/schemas?deleted=true&offset=1&limit=1&subjectPrefix=" + prefix, 200);
    }

    static void errors(ScenarioRun run) {
        String subject = run.subject("errors-value");
        run.error(run.post("invalid Avro", subjectPath(subject, "/versions"), body(UNKNOWN_TYPE, null), 422), 42201);
        run.error(run.get("unknown id", "/schemas/ids/987654321", 404), 40403);
        run.error(run.get("unknown subject's versions", subjectPath(subject, "/versions"), 404), 40401);
        run.error(run.delete("delete an unknown subject", subjectPath(subject, ""), 404), 40401);
        JsonNode root = run.get("root", "/", 200).body();
        assertThat(root.isObject()).isTrue();
    }

    private static Map<String, Object> body(String schema, @Nullable Map<String, Object> contract) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schema", schema);
        if (contract != null) {
            body.putAll(contract);
        }
        return body;
    }

    /** A query value as Confluent's clients send it. */
    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
