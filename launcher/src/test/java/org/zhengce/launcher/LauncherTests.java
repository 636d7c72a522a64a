package org.zhengce.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.zhengce.embedded.EmbeddedDatabases;
import org.zhengce.embedded.EmbeddedKafka;
import org.zhengce.registry.EmbeddedSchemaRegistry;
import org.zhengce.schemas.catalogue.TopicCatalogue;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one-command local run: everything comes up, the embedded authorisation server's tokens open the services'
 * APIs within the user's jurisdictions, and a second run finds the first run's data and signing key.
 */
class LauncherTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void platformStartsOnEmbeddedDefaultsAndKeepsItsDataAcrossRestarts(@TempDir Path data) throws Exception {
        String[] args = LocalRun.arguments(data, "--launcher.demo-feed.enabled=false");
        String subject = "launcher-check-value";
        String schema = "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Check\\\",\\\"fields\\\":[]}\"}";
        String registeredId;
        String writer;
        String advisorToken;
        String signingKeyId;

        try (ConfigurableApplicationContext platform = LocalRun.start(args)) {
            EmbeddedKafka kafka = platform.getBean(EmbeddedKafka.class);
            EmbeddedSchemaRegistry registry = platform.getBean(EmbeddedSchemaRegistry.class);
            EmbeddedDatabases databases = platform.getBean(EmbeddedDatabases.class);

            LocalRun.awaitServicesUp(platform, http);
            assertThat(platform.getBean(PlatformServices.class).running())
                    .extracting(PlatformServices.RunningService::name)
                    .containsExactly(
                            "intake-service", "scoring-service", "referral-service", "notification-service", "console");

            // every topic a service writes exists, as the catalogue names it, and each department's own topic
            assertThat(topics(kafka)).containsAll(serviceTopics()).contains("dept.civil-affairs.events");

            // one database per service, each reachable with its own role
            for (String db : EmbeddedStack.DATABASES) {
                try (Connection connection = DriverManager.getConnection(
                        databases.jdbcUrl(db), databases.username(db), databases.password(db))) {
                    assertThat(connection.isValid(5)).as(db).isTrue();
                }
            }

            // the registry is changed only by its writer, whose credentials the services were given
            HttpResponse<String> anonymous = post(registry.url() + "/subjects/" + subject + "/versions", schema, null);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            HttpResponse<String> registered =
                    post(registry.url() + "/subjects/" + subject + "/versions", schema, registry.userInfo());
            assertThat(registered.statusCode()).isEqualTo(200);
            // Confluent Platform 8's answer: id, version, guid and schema; the id is what a restart must keep
            registeredId = JSON.readTree(registered.body()).get("id").asText();
            writer = registry.userInfo();
            assertThat(servicesRegistryProperties(platform))
                    .as("every service's serde settings")
                    .allSatisfy(serde -> assertThat(serde)
                            .containsEntry("schema.registry.url", registry.url())
                            .containsEntry("basic.auth.credentials.source", "USER_INFO")
                            .containsEntry("basic.auth.user.info", registry.userInfo()));

            AuthorisationServer auth = platform.getBean(AuthorisationServer.class);
            String referral = url(platform, "referral-service");
            assertThat(get(auth.issuer() + "/actuator/health").statusCode()).isEqualTo(200);

            // an advisor's token, from the development endpoint: her communities open, the neighbouring street's not
            advisorToken = devToken(auth, "advisor-wang-fang");
            assertThat(http.send(
                                    HttpRequest.newBuilder(URI.create(auth.issuer() + "/dev/token"))
                                            .header("Authorization", basic("advisor-wang-fang", "not-the-password"))
                                            .POST(HttpRequest.BodyPublishers.noBody())
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(401);
            HttpResponse<String> ownCommunity = get(referral + "/cases?community=110105001001", advisorToken);
            assertThat(ownCommunity.statusCode()).as(ownCommunity.body()).isEqualTo(200);
            assertThat(get(referral + "/cases?community=110105002001", advisorToken)
                            .statusCode())
                    .isEqualTo(403);
            assertThat(get(referral + "/cases?community=110105001001").statusCode())
                    .isEqualTo(401);
            assertThat(claims(advisorToken))
                    .containsEntry("iss", auth.issuer())
                    .containsEntry("sub", "advisor-wang-fang")
                    .containsEntry("roles", List.of("ADVISOR"))
                    .containsEntry("jurisdictions", List.of("110105001001", "110105001002"))
                    .containsEntry(
                            "aud",
                            List.of("intake-service", "scoring-service", "referral-service", "notification-service"));

            // a supervisor signs in to the console through the login form (authorization code with PKCE); the
            // console relays her calls with her token, which the browser never sees
            String console = url(platform, "console");
            assertThat(get(console + "/api/me").statusCode()).isEqualTo(401);
            HttpClient supervisor = signInToConsole(auth, console, "supervisor-jianwai");
            HttpResponse<String> me = call(supervisor, HttpRequest.newBuilder(URI.create(console + "/api/me")));
            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(me.body()).get("jurisdictions").get(0).asString())
                    .isEqualTo("110105001");
            assertThat(me.body()).doesNotContain("access_token").doesNotContain("eyJ");
            assertThat(call(
                                    supervisor,
                                    HttpRequest.newBuilder(
                                            URI.create(console + "/api/referral/cases?community=110105001003")))
                            .statusCode())
                    .isEqualTo(200);
            assertThat(call(
                                    supervisor,
                                    HttpRequest.newBuilder(
                                            URI.create(console + "/api/referral/cases?community=110105002001")))
                            .statusCode())
                    .isEqualTo(403);
            // a change without the CSRF token is refused before it reaches a service
            assertThat(call(
                                    supervisor,
                                    HttpRequest.newBuilder(URI.create(console + "/api/referral/cases/"
                                                    + "00000000-0000-0000-0000-000000000000/reopen"))
                                            .header("Content-Type", "application/json")
                                            .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"x\"}")))
                            .statusCode())
                    .isEqualTo(403);
            // every service's Swagger UI signs in at this issuer (authorization code with PKCE), and the
            // authorisation server lets their pages exchange the code from the browser (CORS), no other origin
            for (String service :
                    List.of("intake-service", "scoring-service", "referral-service", "notification-service")) {
                HttpResponse<String> apiDocs = get(url(platform, service) + "/v3/api-docs");
                assertThat(apiDocs.statusCode()).as(service).isEqualTo(200);
                assertThat(JSON.readTree(apiDocs.body())
                                .at("/components/securitySchemes/oauth2AuthorizationCode/flows/authorizationCode"
                                        + "/authorizationUrl")
                                .asString())
                        .as(service)
                        .isEqualTo(auth.issuer() + "/oauth2/authorize");
            }
            assertThat(preflight(auth.issuer() + "/oauth2/token", referral)
                            .headers()
                            .firstValue("Access-Control-Allow-Origin"))
                    .contains(referral);
            assertThat(preflight(auth.issuer() + "/oauth2/token", "http://evil.example")
                            .headers()
                            .firstValue("Access-Control-Allow-Origin"))
                    .isEmpty();

            // the page itself, for any of its paths
            HttpResponse<String> page = get(console + "/cases/anything");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<div id=\"app\"");

            // a department's client-credentials token is a department to intake
            HttpResponse<String> department =
                    get(url(platform, "intake-service") + "/departments/me", departmentToken(auth, "dept-health"));
            assertThat(department.statusCode()).as(department.body()).isEqualTo(200);
            assertThat(department.body()).contains("HEALTH");

            // scoring trusts the same issuer
            assertThat(get(url(platform, "scoring-service") + "/models", advisorToken)
                            .statusCode())
                    .isEqualTo(200);

            signingKeyId = signingKeyId(auth);
        }

        try (ConfigurableApplicationContext again = LocalRun.start(args)) {
            EmbeddedSchemaRegistry registry = again.getBean(EmbeddedSchemaRegistry.class);
            assertThat(topics(again.getBean(EmbeddedKafka.class))).containsAll(serviceTopics());
            HttpResponse<String> latest = get(registry.url() + "/subjects/" + subject + "/versions/latest");
            assertThat(latest.statusCode()).isEqualTo(200);
            assertThat(registry.userInfo()).as("the writer's password was kept").isEqualTo(writer);
            assertThat(JSON.readTree(latest.body()).get("id").asText())
                    .as(latest.body())
                    .isEqualTo(registeredId);

            // the signing key was kept: same kid, and the first run's token still opens referral
            assertThat(signingKeyId(again.getBean(AuthorisationServer.class))).isEqualTo(signingKeyId);
            HttpResponse<String> cases =
                    get(url(again, "referral-service") + "/cases?community=110105001001", advisorToken);
            assertThat(cases.statusCode()).as(cases.body()).isEqualTo(200);
        }
    }

    private static String url(ConfigurableApplicationContext platform, String service) {
        return platform.getBean(PlatformServices.class).running().stream()
                .filter(running -> running.name().equals(service))
                .map(running -> "http://localhost:" + running.port())
                .findFirst()
                .orElseThrow();
    }

    private String devToken(AuthorisationServer auth, String user) throws Exception {
        HttpResponse<String> token = http.send(
                HttpRequest.newBuilder(URI.create(auth.issuer() + "/dev/token"))
                        .header("Authorization", basic(user, auth.logins().password()))
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return JSON.readTree(token.body()).get("access_token").asString();
    }

    private String departmentToken(AuthorisationServer auth, String clientId) throws Exception {
        String secret = auth.logins().departments().stream()
                .filter(client -> client.clientId().equals(clientId))
                .findFirst()
                .orElseThrow()
                .secret();
        HttpResponse<String> token = http.send(
                HttpRequest.newBuilder(URI.create(auth.issuer() + "/oauth2/token"))
                        .header("Authorization", basic(clientId, secret))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return JSON.readTree(token.body()).get("access_token").asString();
    }

    /**
     * A browser signing in to the console, scripted: the console sends it to the authorisation server (authorization
     * code with PKCE), the login form, back to the console's callback, and to the page it asked for. Returns the
     * browser, holding the console's session cookie (and no token).
     */
    private HttpClient signInToConsole(AuthorisationServer auth, String console, String user) throws Exception {
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        HttpResponse<String> start =
                browse(browser, HttpRequest.newBuilder(URI.create(console + "/login?return=/cases")));
        assertThat(start.statusCode()).isEqualTo(302);
        HttpResponse<String> toIssuer =
                browse(browser, HttpRequest.newBuilder(URI.create(console).resolve(location(start))));
        assertThat(toIssuer.statusCode()).isEqualTo(302);
        String authorize = location(toIssuer);
        assertThat(authorize)
                .startsWith(auth.issuer() + "/oauth2/authorize?")
                .contains("client_id=platform-console")
                .contains("code_challenge_method=S256");

        HttpResponse<String> toLogin = browse(browser, HttpRequest.newBuilder(URI.create(authorize)));
        assertThat(toLogin.statusCode()).isEqualTo(302);
        URI login = URI.create(auth.issuer()).resolve(location(toLogin));
        HttpResponse<String> form = browse(browser, HttpRequest.newBuilder(login));
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form.body());
        assertThat(csrf.find()).as(form.body()).isTrue();
        HttpResponse<String> signedIn = browse(
                browser,
                HttpRequest.newBuilder(login)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form(Map.of(
                                "username", user, "password", auth.logins().password(), "_csrf", csrf.group(1))))));
        assertThat(signedIn.statusCode()).isEqualTo(302);
        HttpResponse<String> back = browse(browser, HttpRequest.newBuilder(login.resolve(location(signedIn))));
        assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
        String callback = location(back);
        assertThat(callback).startsWith(console + "/login/callback?code=");

        HttpResponse<String> landed = browse(browser, HttpRequest.newBuilder(URI.create(callback)));
        assertThat(landed.statusCode()).as(landed.body()).isEqualTo(302);
        assertThat(location(landed)).isEqualTo("/cases");
        return browser;
    }

    private static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElseThrow();
    }

    private HttpResponse<String> preflight(String url, String origin) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", origin)
                        .header("Access-Control-Request-Method", "POST")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The page's own calls: JSON. */
    private static HttpResponse<String> call(HttpClient browser, HttpRequest.Builder request) throws Exception {
        return browser.send(request.header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> browse(HttpClient browser, HttpRequest.Builder request) throws Exception {
        return browser.send(request.header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
    }

    private String signingKeyId(AuthorisationServer auth) throws Exception {
        HttpResponse<String> jwks = get(auth.jwkSetUri());
        assertThat(jwks.statusCode()).isEqualTo(200);
        return JSON.readTree(jwks.body()).get("keys").get(0).get("kid").asString();
    }

    private static Map<String, Object> claims(String token) throws Exception {
        byte[] payload = Base64.getUrlDecoder().decode(token.split("\\.")[1]);
        return JSON.readValue(payload, new TypeReference<Map<String, Object>>() {});
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Set<String> serviceTopics() {
        TopicCatalogue catalogue = TopicCatalogue.load();
        return PlatformServices.services().stream()
                .flatMap(service -> catalogue.producedBy(service.name()).stream())
                .map(topic -> topic.name())
                .collect(Collectors.toSet());
    }

    private static Set<String> topics(EmbeddedKafka kafka) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            return admin.listTopics().names().get();
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url, String token) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A registry request, anonymous or with the {@code user:password} of HTTP basic. */
    private HttpResponse<String> post(String url, String body, @Nullable String userInfo) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (userInfo != null) {
            request.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The {@code spring.kafka.properties} of every service the launcher runs that uses Kafka. */
    private static List<Map<String, String>> servicesRegistryProperties(ConfigurableApplicationContext platform) {
        return platform.getBean(PlatformServices.class).running().stream()
                .filter(service -> !service.name().equals("console"))
                .map(service -> service.context().getBean(KafkaProperties.class).getProperties())
                .toList();
    }
}
