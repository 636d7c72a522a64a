package org.zhengce.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.zhengce.democity.DemoCity;
import org.zhengce.democity.IntakeJson;
import org.zhengce.democity.Resident;
import org.zhengce.democity.Story;
import org.zhengce.embedded.EmbeddedKafka;
import org.zhengce.events.AssistanceDecisionShared;
import org.zhengce.events.AssistanceGranted;
import org.zhengce.events.CaseAssigned;
import org.zhengce.events.CaseClosed;
import org.zhengce.events.CaseEvent;
import org.zhengce.events.CaseOpened;
import org.zhengce.events.Department;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.events.HouseholdScoreChanged;
import org.zhengce.events.HouseholdWarningEvent;
import org.zhengce.events.Programme;
import org.zhengce.events.WarningCategory;
import org.zhengce.events.WarningRaised;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.registry.EmbeddedSchemaRegistry;
import org.zhengce.schemas.serde.ConfluentAvroDeserializer;
import org.zhengce.schemas.serde.SerdeConfig;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform end to end, as a newcomer starts it: the launcher with its demo feed. The feed's scripted stories go
 * through the real intake, scoring, referral and notification; the test then works the first story's case as its
 * advisor would, from the alert to the decision shared back, re-sends an event, and finally reads every record on
 * every topic and every log line the run wrote, looking for a resident identity number.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** The demo city's identity numbers are all of the fictitious region 990101: any such number is a leak. */
    private static final Pattern IDENTITY_NUMBER = Pattern.compile("990101\\d{11}[\\dX]");

    @TempDir
    static Path data;

    private static ConfigurableApplicationContext platform;
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    private static PrintStream originalOut;
    private static PrintStream originalErr;
    private static List<Story> stories;
    private static final HttpClient http = HttpClient.newHttpClient();
    /** The trace the civil affairs grant of the first story is sent in: a trace id nobody else makes. */
    private static final String GRANT_TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

    private static final String GRANT_TRACEPARENT = "00-" + GRANT_TRACE_ID + "-b7ad6b7169203331-01";
    private static String grantPlatformEventId;
    private static String grantCaseId;

    @BeforeAll
    static void startThePlatformWithItsDemoFeed() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(new Tee(originalOut), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(originalErr), true, StandardCharsets.UTF_8));
        String[] args = {
            "--launcher.data-directory=" + data,
            "--launcher.kafka-port=0",
            "--launcher.registry-port=0",
            "--launcher.postgres-port=0",
            "--launcher.auth-server-port=0",
            "--launcher.first-service-port=0",
            "--launcher.demo-feed.enabled=true",
            "--launcher.demo-feed.households=120"
        };
        platform = LocalRun.start(args);
        // the feed's stories, as it builds them: the same seed, day and label
        LocalDate day = LocalDate.now(CHINA);
        stories = DemoCity.builder()
                .seed(20261201L)
                .households(120)
                .build()
                .stories(day.atStartOfDay(CHINA).toInstant(), "d" + day.format(DateTimeFormatter.BASIC_ISO_DATE));
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private static Story story(WarningCategory expected, String titleWord) {
        return stories.stream()
                .filter(s -> s.expected() == expected && s.title().contains(titleWord))
                .findFirst()
                .orElseThrow();
    }

    @Test
    @Order(1)
    void aDibaoHouseholdsHospitalBillBecomesACaseAnAlertAPlanAndADecisionSharedBack() throws Exception {
        Story story = story(WarningCategory.ASSISTANCE_INSUFFICIENT, "hospital");
        String household = story.household().number();
        String community = story.household().community().code();

        // the warning, with its reasons
        HouseholdWarningEvent warning = await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> warningOf(household), Objects::nonNull);
        WarningRaised raised = (WarningRaised) warning.getFact();
        assertThat(raised.getCategory()).isEqualTo(WarningCategory.ASSISTANCE_INSUFFICIENT);
        assertThat(raised.getReasons()).isNotEmpty();

        // the case, assigned to an advisor of that community
        String supervisor = token("supervisor-chaoyang");
        JsonNode found = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> caseOf(supervisor, community, household), Objects::nonNull);
        String caseId = found.get("id").asString();
        String advisorId = found.get("ownerId").asString();
        assertThat(found.get("ownerRole").asString()).isEqualTo("ADVISOR");
        String advisor = token(advisorId);

        // the alert on that advisor's stream (from the start: the alert may be older than the connection)
        AlertStream stream = AlertStream.open(service("notification-service") + "/alerts/stream", advisor);
        try {
            JsonNode alert =
                    await().atMost(Duration.ofSeconds(60)).until(() -> stream.alertFor(caseId), Objects::nonNull);
            HttpResponse<String> acknowledged = send(
                    "POST",
                    service("notification-service") + "/alerts/"
                            + alert.get("id").asString() + "/acknowledge",
                    advisor,
                    "{\"note\": \"on my way\"}");
            assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(200);
        } finally {
            stream.close();
        }

        // visit, verification, plan, referral
        String referral = service("referral-service");
        Resident head = story.household().head();
        assertThat(send("POST", referral + "/cases/" + caseId + "/visits", advisor, """
                        {"findings": "head back home after two weeks in hospital; the bill took the savings",
                         "needs": [{"item": "medical.escort", "urgency": "SOLVE_NOW"}],
                         "facts": {"members": %d, "monthlyIncomePerCapitaFen": 60000, "financialAssetsPerCapitaFen": 0,
                                   "medicalOutOfPocketFen12Months": 2140000, "elderlyMembers": 0, "childMembers": 0,
                                   "disabledMembers": 0, "severelyDisabledMembers": 0, "seriouslyIllMembers": 1,
                                   "studentMembers": 0, "unemployedWorkingAgeMembers": 0,
                                   "withoutCapacityOrSupport": false, "dangerousHousing": false,
                                   "disasterAffected": false, "orphanOrDeFactoUnsupportedChild": false,
                                   "activeProgrammes": ["DIBAO"]}}
                        """.formatted(
                                        story.household().members().size()))
                        .statusCode())
                .isEqualTo(200);
        assertThat(head.identityNumber()).matches(IDENTITY_NUMBER);
        HttpResponse<String> verified = send("POST", referral + "/cases/" + caseId + "/verify", advisor, "{}");
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        HttpResponse<String> draft = send("GET", referral + "/cases/" + caseId + "/plan", advisor, null);
        assertThat(draft.statusCode()).as(draft.body()).isEqualTo(200);
        assertThat(JSON.readTree(draft.body()).get("version").asInt()).isEqualTo(1);
        HttpResponse<String> plan = send("PUT", referral + "/cases/" + caseId + "/plan", advisor, """
                {"tier": "COMPREHENSIVE_SERVICE", "programmes": ["TEMPORARY_ASSISTANCE"], "resources": [],
                 "oneOffAssistanceFen": 200000, "note": "temporary assistance towards the hospital bill"}
                """);
        assertThat(plan.statusCode()).as(plan.body()).isEqualTo(200);
        HttpResponse<String> confirmed = send("POST", referral + "/cases/" + caseId + "/plan/confirm", advisor, "{}");
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        if ("PENDING_APPROVAL"
                .equals(JSON.readTree(confirmed.body()).get("status").asString())) {
            HttpResponse<String> approved = send(
                    "POST", referral + "/cases/" + caseId + "/plan/approve", supervisor, "{\"note\": \"checked\"}");
            assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        }
        assertThat(JSON.readTree(send("GET", referral + "/cases/" + caseId, advisor, null)
                                .body())
                        .get("stage")
                        .asString())
                .isEqualTo("REFERRED");

        // civil affairs grants it: the decision goes back to the departments, the case closes; sent twice
        DepartmentEvent grant = DepartmentEvent.newBuilder()
                .setEventId("e2e-grant-" + household)
                .setDepartment(Department.CIVIL_AFFAIRS)
                .setOccurredAt(Instant.now().minusSeconds(60))
                .setReportedAt(Instant.now().minusSeconds(30))
                .setSubject(new HouseholdNumber(household))
                .setCommunityCode(community)
                .setFact(AssistanceGranted.newBuilder()
                        .setProgramme(Programme.TEMPORARY_ASSISTANCE)
                        .setOneOffAmountFen(200000L)
                        .setStartDate(LocalDate.now(CHINA))
                        .build())
                .build();
        String civilAffairs = departmentToken("CIVIL_AFFAIRS");
        // in a trace of the department's own (issue 17): the trace test below follows it to the case closed
        HttpResponse<String> first = postEvent(civilAffairs, grant, GRANT_TRACEPARENT);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        HttpResponse<String> again = postEvent(civilAffairs, grant);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
        assertThat(again.body()).contains("uplicate");
        assertThat(JSON.readTree(again.body()).get("platformEventId").asString())
                .isEqualTo(JSON.readTree(first.body()).get("platformEventId").asString());

        List<AssistanceDecisionShared> decisions =
                await().atMost(Duration.ofSeconds(60)).until(() -> decisionsFor(household), list -> !list.isEmpty());
        assertThat(decisions.get(0).getProgramme()).isEqualTo(Programme.TEMPORARY_ASSISTANCE);
        assertThat(decisions.get(0).getCaseId()).isEqualTo(caseId);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> JSON.readTree(send("GET", referral + "/cases/" + caseId, advisor, null)
                                .body())
                        .get("stage")
                        .asString()
                        .equals("CLOSED"));
        // the re-sent event changed nothing anywhere: once on household.events, one decision shared
        String platformEventId =
                JSON.readTree(first.body()).get("platformEventId").asString();
        grantPlatformEventId = platformEventId;
        grantCaseId = caseId;
        assertThat(recordsOf("household.events").stream()
                        .filter(record -> header(record, "ce_id").equals(platformEventId))
                        .count())
                .isEqualTo(1);
        assertThat(decisionsFor(household)).hasSize(1);
        // civil affairs, which runs temporary assistance, has its own decision back; no other department has it
        assertThat(await().atMost(Duration.ofSeconds(30))
                        .until(() -> decisionsFor("civil-affairs", household), list -> !list.isEmpty()))
                .hasSize(1);
        assertThat(decisionsFor("medical-insurance", household)).isEmpty();
        assertThat(decisionsFor("health", household)).isEmpty();
    }

    @Test
    @Order(2)
    void aJobLossWithDependantsOutsideAnyProgrammeIsAnEarlyWarning() {
        Story story = story(WarningCategory.EARLY_WARNING, "employer");
        HouseholdWarningEvent warning = await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> warningOf(story.household().number()), Objects::nonNull);
        assertThat(((WarningRaised) warning.getFact()).getCategory()).isEqualTo(WarningCategory.EARLY_WARNING);
        assertThat(((WarningRaised) warning.getFact()).getReasons()).isNotEmpty();
    }

    /**
     * Issue 17: one department event is followed by its trace id from the HTTP request to the advisor's alert. The
     * demo feed's request that tipped the first story's household over the line is intake's server span: its trace id
     * is on the event's record on household.events, on the warning it caused, on the case events the warning caused
     * (through referral's outbox) and on the alert notification raised for the advisor. And the civil affairs grant,
     * sent in a trace of the department's own, is on household.events and closes the case in that same trace.
     */
    @Test
    @Order(3)
    void oneDepartmentEventIsFollowedByItsTraceIdFromTheRequestToTheAlert() {
        String household = story(WarningCategory.ASSISTANCE_INSUFFICIENT, "hospital")
                .household()
                .number();
        // the household's events as intake took them over HTTP, each in the trace of its request
        Map<String, String> eventTraces = new java.util.TreeMap<>();
        recordsOf("household.events").stream()
                .filter(record -> header(record, "ce_source").equals("/departments/HEALTH")
                        || header(record, "ce_source").equals("/departments/MEDICAL_INSURANCE"))
                .forEach(record -> eventTraces.put(
                        header(record, "ce_type") + "@" + header(record, "ce_subject") + "#" + header(record, "ce_id"),
                        traceIdOf(header(record, "traceparent"))));
        assertThat(eventTraces)
                .as("traces of health and medical insurance events")
                .isNotEmpty();
        assertThat(eventTraces.values())
                .as("traces of health and medical insurance events: %s", eventTraces)
                .doesNotContain("");
        // the warning raised, in the trace of an event of that household taken over HTTP
        Traced<HouseholdWarningEvent> warning = traced("household.warnings", HouseholdWarningEvent.class).stream()
                .filter(w -> w.value().getHousehold().getValue().equals(household)
                        && w.value().getFact() instanceof WarningRaised)
                .findFirst()
                .orElseThrow();
        String traceId = warning.traceId();
        assertThat(traceId)
                .as(
                        "the warning's trace; the warnings' traces: %s",
                        traced("household.warnings", HouseholdWarningEvent.class).stream()
                                .map(w -> w.value().getHousehold().getValue() + ":" + w.traceId())
                                .toList())
                .isNotEmpty()
                .isNotEqualTo(GRANT_TRACE_ID);
        // the story's facts are person events, one a request: the warning is in the trace of one of those requests
        assertThat(eventTraces.values())
                .as("the trace of one of the health and medical insurance events as intake took it")
                .contains(traceId);
        // the case it opened and assigned, in the same trace
        List<Traced<CaseEvent>> caseEvents = traced("case.events", CaseEvent.class).stream()
                .filter(e -> e.value().getCaseId().equals(grantCaseId))
                .toList();
        assertThat(caseEvents)
                .filteredOn(e -> e.value().getFact() instanceof CaseOpened)
                .hasSize(1)
                .allSatisfy(e -> assertThat(e.traceId()).isEqualTo(traceId));
        assertThat(caseEvents)
                .filteredOn(e -> e.value().getFact() instanceof CaseAssigned)
                .first()
                .satisfies(e -> assertThat(e.traceId()).isEqualTo(traceId));
        // the advisor's alert, in the same trace
        assertThat(alertTraceIds(grantCaseId)).as("the case's alerts' traces").contains(traceId);

        // the grant: on household.events in the department's trace, and the case closed in it
        assertThat(recordsOf("household.events").stream()
                        .filter(record -> header(record, "ce_id").equals(grantPlatformEventId))
                        .map(record -> traceIdOf(header(record, "traceparent"))))
                .containsExactly(GRANT_TRACE_ID);
        assertThat(caseEvents)
                .filteredOn(e -> e.value().getFact() instanceof CaseClosed)
                .hasSize(1)
                .allSatisfy(e -> assertThat(e.traceId()).isEqualTo(GRANT_TRACE_ID));
    }

    @Test
    @Order(4)
    void noRecordOnAnyTopicAndNoLogLineHoldsAResidentIdentityNumber() throws Exception {
        List<String> leaks = new ArrayList<>();
        int records = 0;
        for (String topic : topics()) {
            for (ConsumerRecord<byte[], byte[]> record : recordsOf(topic)) {
                records++;
                StringBuilder text = new StringBuilder();
                text.append(latin1(record.key())).append(' ').append(latin1(record.value()));
                for (Header header : record.headers()) {
                    text.append(' ').append(header.key()).append('=').append(latin1(header.value()));
                }
                Matcher matcher = IDENTITY_NUMBER.matcher(text);
                if (matcher.find()) {
                    leaks.add(topic + "@" + record.partition() + ":" + record.offset());
                }
            }
        }
        String log;
        synchronized (LOG) {
            log = LOG.toString(StandardCharsets.UTF_8);
        }
        Matcher inLog = IDENTITY_NUMBER.matcher(log);
        while (inLog.find()) {
            leaks.add("log: ..." + log.substring(Math.max(0, inLog.start() - 60), inLog.start()) + "<number>");
        }
        assertThat(records).as("records read").isGreaterThan(500);
        assertThat(log.lines().count()).as("log lines read").isGreaterThan(100);
        assertThat(leaks).as("identity numbers on topics or in logs").isEmpty();
        // and the identity numbers really were sent: intake had them in the department events it took
        assertThat(stories.get(0).household().head().identityNumber()).matches(IDENTITY_NUMBER);
    }

    /**
     * Issue 22: a department the data standard has just been given (public security, 公安: a Department symbol and
     * its topic in the catalogue, no row in intake's seed) is registered by the platform admin, given a key, and its
     * first event, a household registration, goes through intake to a score of that household.
     */
    @Test
    @Order(5)
    void aDepartmentAddedToTheDataStandardIsRegisteredAndItsFirstEventIsScored() throws Exception {
        String intake = service("intake-service");
        String admin = platform.getBean(LocalSecrets.class).adminApiKey();
        HttpResponse<String> registered = withApiKey("POST", intake + "/admin/departments", admin, """
                {"code": "PUBLIC_SECURITY", "name": "公安 public security",
                 "allowedEventTypes": ["HouseholdRegistered", "HouseholdChanged", "MemberJoined", "MemberLeft"],
                 "jurisdictionScope": ["110105"], "rateLimitPerSecond": 50}
                """);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        HttpResponse<String> issued =
                withApiKey("POST", intake + "/admin/departments/PUBLIC_SECURITY/api-keys", admin, "");
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        String key = JSON.readTree(issued.body()).get("apiKey").asString();

        // a household the demo feed never sent (the 121st of a city of 121), registered by public security
        Instant now = Instant.now();
        DemoCity larger = DemoCity.builder().seed(20261201L).households(121).build();
        String household = larger.household(120).number();
        assertThat(stories.stream().map(story -> story.household().number())).doesNotContain(household);
        assertThat(DemoCity.builder().seed(20261201L).households(120).build().households())
                .extracting(org.zhengce.democity.Household::number)
                .doesNotContain(household);
        DepartmentEvent registration = larger.registrations(now.minusSeconds(60), "ps")
                .filter(event -> event.getSubject() instanceof HouseholdNumber number
                        && number.getValue().equals(household))
                .findFirst()
                .orElseThrow();
        registration.setEventId("e2e-public-security-" + household);
        registration.setDepartment(Department.PUBLIC_SECURITY);
        HttpResponse<String> accepted = withApiKey(
                "POST", intake + "/events", key, IntakeJson.write(registration).toString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(traced("household.scores", HouseholdScoreChanged.class))
                        .extracting(scored -> scored.value().getHousehold().getValue())
                        .contains(household));
    }

    private static HttpResponse<String> withApiKey(String method, String url, String apiKey, String body)
            throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("X-API-Key", apiKey)
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    // --- helpers

    /**
     * Issue 19: a volunteer signs in and reports an urgent tip about a household of their community that no warning
     * is about; referral opens a case with source TIP for the community's advisor, and the volunteer learns "case
     * opened" (and nothing of the household) from the tip's status.
     */
    @Test
    @Order(6)
    void aVolunteersUrgentTipBecomesACaseForTheCommunitysAdvisorAndTheVolunteerSeesCaseOpened() throws Exception {
        String community = "110105001001";
        java.util.Set<String> inStories =
                stories.stream().map(story -> story.household().number()).collect(java.util.stream.Collectors.toSet());
        String household = DemoCity.builder()
                .seed(20261201L)
                .households(120)
                .build()
                .households()
                .filter(h -> h.community().code().equals(community) && !inStories.contains(h.number()))
                .findFirst()
                .orElseThrow()
                .number();
        String volunteer = token("volunteer-zhou-min");

        HttpResponse<String> reported = send(
                "POST", service("intake-service") + "/tips", volunteer, """
                {"tipId": "%s", "householdNumber": "%s", "urgency": "SOLVE_NOW", "needs": ["medical.escort"],
                 "note": "独居老人摔伤，无人照料"}
                """.formatted(UUID.randomUUID(), household));
        assertThat(reported.statusCode()).as(reported.body()).isEqualTo(202);
        String tip = JSON.readTree(reported.body()).get("platformEventId").asString();

        String status = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> send("GET", service("referral-service") + "/tips/" + tip, volunteer, null),
                        answer -> answer.statusCode() == 200
                                && !JSON.readTree(answer.body())
                                        .get("status")
                                        .asString()
                                        .equals("RECEIVED"))
                .body();
        assertThat(JSON.readTree(status).get("status").asString()).isEqualTo("CASE_OPENED");
        assertThat(status).doesNotContain(household);

        JsonNode opened = caseOf(token("advisor-wang-fang"), community, household);
        assertThat(opened).isNotNull();
        assertThat(opened.get("ownerRole").asString()).isEqualTo("ADVISOR");
        assertThat(send("GET", service("intake-service") + "/tips/mine", volunteer, null)
                        .body())
                .contains(tip);
    }

    private static String service(String name) {
        return platform.getBean(PlatformServices.class).running().stream()
                .filter(running -> running.name().equals(name))
                .map(running -> "http://localhost:" + running.port())
                .findFirst()
                .orElseThrow();
    }

    private static String token(String user) throws Exception {
        AuthorisationServer auth = platform.getBean(AuthorisationServer.class);
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

    private static String departmentToken(String department) throws Exception {
        AuthorisationServer auth = platform.getBean(AuthorisationServer.class);
        var client = auth.logins().departments().stream()
                .filter(c -> c.department().equals(department))
                .findFirst()
                .orElseThrow();
        HttpResponse<String> token = http.send(
                HttpRequest.newBuilder(URI.create(auth.issuer() + "/oauth2/token"))
                        .header("Authorization", basic(client.clientId(), client.secret()))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return JSON.readTree(token.body()).get("access_token").asString();
    }

    private static HttpResponse<String> postEvent(String token, DepartmentEvent event) throws Exception {
        return send(
                "POST",
                service("intake-service") + "/events",
                token,
                IntakeJson.write(event).toString());
    }

    /** Posts {@code event} in the W3C trace {@code traceparent}, as a department's traced client would. */
    private static HttpResponse<String> postEvent(String token, DepartmentEvent event, String traceparent)
            throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(service("intake-service") + "/events"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .header("traceparent", traceparent)
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                IntakeJson.write(event).toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A record's value and the trace id of its {@code traceparent} header ("" without one). */
    private record Traced<T>(T value, String traceId) {}

    private static <T extends SpecificRecord> List<Traced<T>> traced(String topic, Class<T> type) {
        Map<String, Object> config = new HashMap<>();
        config.putAll(platform.getBean(EmbeddedSchemaRegistry.class).clientProperties());
        config.put(SerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, type.getName());
        ConfluentAvroDeserializer<T> deserializer = new ConfluentAvroDeserializer<>();
        deserializer.configure(config, false);
        List<Traced<T>> values = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : recordsOf(topic)) {
            values.add(new Traced<>(
                    deserializer.deserialize(topic, record.value()), traceIdOf(header(record, "traceparent"))));
        }
        return values;
    }

    /** The trace id of a W3C traceparent ({@code 00-<trace id>-<span id>-<flags>}), "" for none. */
    private static String traceIdOf(String traceparent) {
        String[] parts = traceparent.split("-");
        return parts.length == 4 ? parts[1] : "";
    }

    /** The trace ids notification keeps with the alerts of {@code caseId}. */
    private static List<String> alertTraceIds(String caseId) {
        ConfigurableApplicationContext notification = platform.getBean(PlatformServices.class).running().stream()
                .filter(running -> running.name().equals("notification-service"))
                .findFirst()
                .orElseThrow()
                .context();
        return notification
                .getBean(DatabaseClient.class)
                .sql("select traceparent from alerts where case_id = :case and traceparent is not null")
                .bind("case", UUID.fromString(caseId))
                .map(row -> traceIdOf(Objects.requireNonNull(row.get(0, String.class))))
                .all()
                .collectList()
                .block(Duration.ofSeconds(30));
    }

    private static HttpResponse<String> send(String method, String url, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode caseOf(String token, String community, String household) throws Exception {
        HttpResponse<String> cases =
                send("GET", service("referral-service") + "/cases?community=" + community, token, null);
        assertThat(cases.statusCode()).as(cases.body()).isEqualTo(200);
        for (JsonNode node : JSON.readTree(cases.body())) {
            if (household.equals(node.get("householdNumber").asString())) {
                return node;
            }
        }
        return null;
    }

    private static HouseholdWarningEvent warningOf(String household) {
        return avro("household.warnings", HouseholdWarningEvent.class).stream()
                .filter(w -> w.getHousehold().getValue().equals(household) && w.getFact() instanceof WarningRaised)
                .findFirst()
                .orElse(null);
    }

    /** The decisions emergency management received about {@code household} (temporary assistance's are shared). */
    private static List<AssistanceDecisionShared> decisionsFor(String household) {
        return decisionsFor("emergency-management", household);
    }

    /** The decisions on {@code decisions.<department>} about {@code household}. */
    private static List<AssistanceDecisionShared> decisionsFor(String department, String household) {
        return avro("decisions." + department, AssistanceDecisionShared.class).stream()
                .filter(d -> d.getHousehold().getValue().equals(household))
                .toList();
    }

    private static <T extends SpecificRecord> List<T> avro(String topic, Class<T> type) {
        Map<String, Object> config = new HashMap<>();
        config.putAll(platform.getBean(EmbeddedSchemaRegistry.class).clientProperties());
        config.put(SerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, type.getName());
        ConfluentAvroDeserializer<T> deserializer = new ConfluentAvroDeserializer<>();
        deserializer.configure(config, false);
        List<T> values = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : recordsOf(topic)) {
            values.add(deserializer.deserialize(topic, record.value()));
        }
        return values;
    }

    private static Set<String> topics() throws Exception {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                platform.getBean(EmbeddedKafka.class).bootstrapServers()))) {
            return admin.listTopics().names().get();
        }
    }

    /** Every record of {@code topic}, from the beginning to its end now. */
    private static List<ConsumerRecord<byte[], byte[]>> recordsOf(String topic) {
        Properties config = new Properties();
        config.put(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                platform.getBean(EmbeddedKafka.class).bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String latin1(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Writes through to the real stream and keeps a copy of everything the run logs. */
    private static final class Tee extends OutputStream {
        private final PrintStream target;

        Tee(PrintStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) {
            target.write(b);
            synchronized (LOG) {
                LOG.write(b);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            target.write(bytes, offset, length);
            synchronized (LOG) {
                LOG.write(bytes, offset, length);
            }
        }
    }

    /** An advisor's SSE stream, read line by line on its own thread, resumed from the first alert. */
    private static final class AlertStream implements AutoCloseable {
        private final List<JsonNode> alerts = new CopyOnWriteArrayList<>();
        private final Thread reader;

        private AlertStream(String url, String token) {
            reader = new Thread(() -> read(url, token), "e2e-sse");
            reader.setDaemon(true);
            reader.start();
        }

        static AlertStream open(String url, String token) {
            return new AlertStream(url, token);
        }

        private void read(String url, String token) {
            try {
                HttpResponse<java.util.stream.Stream<String>> response = http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Authorization", "Bearer " + token)
                                .header("Accept", "text/event-stream")
                                .header("Last-Event-ID", "0")
                                .build(),
                        HttpResponse.BodyHandlers.ofLines());
                assertThat(response.statusCode()).isEqualTo(200);
                response.body().forEach(line -> {
                    if (line.startsWith("data:")) {
                        alerts.add(JSON.readTree(line.substring(5).trim()));
                    }
                });
            } catch (IOException e) {
                // the stream was closed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        JsonNode alertFor(String caseId) {
            return alerts.stream()
                    .filter(alert -> caseId.equals(alert.get("caseId").asString()))
                    .findFirst()
                    .orElse(null);
        }

        @Override
        public void close() {
            reader.interrupt();
        }
    }
}
