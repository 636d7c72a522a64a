package org.zhengce.intake.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.zhengce.intake.reporting.ReportingFixtures.answer;
import static org.zhengce.intake.reporting.ReportingFixtures.example;
import static org.zhengce.intake.reporting.ReportingFixtures.fact;
import static org.zhengce.intake.reporting.ReportingFixtures.kept;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.zhengce.intake.IntakeStackTest;
import org.zhengce.intake.identity.IdentityNumbers;
import org.zhengce.intake.reporting.ReportingFixtures.Answer;
import tools.jackson.databind.node.ObjectNode;

/**
 * A department's jurisdiction scope is checked against the community a household (or person) is registered in, as
 * intake accepted its registration and registered moves, not against the community an event claims (issue 15: "the
 * scope is checked against the community the event itself claims"). The demo city has two streets: 建外
 * ({@code 110105001}) and 朝外 ({@code 110105002}).
 */
class RegisteredScopeTests extends IntakeStackTest {

    private static final String JIANWAI_STREET = "110105001";
    private static final String YONGANLI = "110105001001";
    private static final String JIANGUOLI = "110105001002";
    private static final String JIXIANGLI = "110105002001";
    /** Head of a household of one, registered only by these tests: born 1975-05-05, male. */
    private static final String LONE_HEAD = IdentityNumbers.valid("990101", "19750505", "131");

    private final ReportingFixtures.Senders senders = new ReportingFixtures.Senders(() -> http, this::issueKey);

    private Answer post(String department, ObjectNode event) {
        return senders.post(department, event);
    }

    /** Gives {@code department} the areas {@code scope}, keeping its other terms. */
    private void scope(String department, String... scope) {
        ReportingFixtures.changeTerms(
                http,
                ADMIN_KEY,
                department,
                terms -> terms.putArray("jurisdictionScope")
                        .addAll(List.of(scope).stream().map(terms::stringNode).toList()));
    }

    /** The example of {@code type} about household {@code number}, in {@code community} (envelope and fact). */
    private static ObjectNode about(String type, String eventId, String number, String community) {
        ObjectNode event = example(type, eventId);
        event.putObject("subject").put("householdNumber", number);
        event.put("communityCode", community);
        if (fact(event).has("communityCode")) {
            fact(event).put("communityCode", community);
        }
        return event;
    }

    /** {@code event} as occurred (and reported) at {@code at}. */
    private static ObjectNode at(ObjectNode event, String at) {
        return event.put("occurredAt", at).put("reportedAt", at);
    }

    private static void assertAccepted(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        assertThat(answer.json().get("status").asString()).isEqualTo("accepted");
    }

    /** Refused for scope alone, saying the subject is registered elsewhere without naming where or whom. */
    private void assertRegisteredElsewhere(Answer answer, String subject) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.violations()).containsExactly(tuple("communityCode", "department.jurisdiction-scope"));
        String reason = answer.json().at("/violations/0/offendingValue").asString();
        assertThat(reason)
                .contains("the " + subject + " is registered in a community outside [" + JIANWAI_STREET + "]")
                .doesNotContain(JIXIANGLI, LONE_HEAD, "19750505");
        assertThat(kept(http, ADMIN_KEY, answer.rejectionId())
                        .at("/violations/0/offendingValue")
                        .asString())
                .isEqualTo(reason);
    }

    /** A household of one, its head {@link #LONE_HEAD}, about household {@code number}, in {@code community}. */
    private static ObjectNode aloneIn(String type, String eventId, String number, String community) {
        ObjectNode event = about(type, eventId, number, community);
        fact(event)
                .put("headName", "李明")
                .putArray("members")
                .addObject()
                .put("relationToHead", "HEAD")
                .put("birthDate", "1975-05-05")
                .put("sex", "MALE")
                .putObject("identity")
                .put("identityNumber", LONE_HEAD);
        return event;
    }

    @Test
    void anEventClaimingTheSendersStreetForAHouseholdRegisteredInAnotherIsRefusedUntilARegisteredMoveIntoIt() {
        scope("COMMUNITY", JIANWAI_STREET);
        scope("HEALTH", JIANWAI_STREET);
        scope("CIVIL_AFFAIRS", "110105");
        // civil affairs (the whole district) registers the household, and its head, in 朝外's 吉祥里
        assertAccepted(
                post("CIVIL_AFFAIRS", aloneIn("HouseholdRegistered", "scope-registered-1", "110105000701", JIXIANGLI)));

        // 建外's advisors report a visit to it, claiming their own 永安里: the household is not theirs
        Answer visit = post("COMMUNITY", about("VisitRecorded", "scope-visit-1", "110105000701", YONGANLI));
        assertRegisteredElsewhere(visit, "household");
        // a hospital of 建外 reports its head, a person event naming no household, claiming 永安里: not theirs either
        ObjectNode discharged =
                example("HospitalDischarged", "scope-discharged-1").put("communityCode", YONGANLI);
        discharged.putObject("subject").put("identityNumber", LONE_HEAD);
        assertRegisteredElsewhere(post("HEALTH", discharged), "person");

        // the household's registered move into 建外's 建国里
        assertAccepted(post(
                "CIVIL_AFFAIRS",
                at(aloneIn("HouseholdChanged", "scope-moved-1", "110105000701", JIANGUOLI), "2026-11-21T02:00:00Z")));

        assertAccepted(post("COMMUNITY", about("VisitRecorded", "scope-visit-2", "110105000701", YONGANLI)));
        assertAccepted(post("HEALTH", discharged.put("eventId", "scope-discharged-2")));
        // the visit refused before, replayed now that the household is 建外's, is accepted
        Answer replayed = answer(http.post()
                .uri("/admin/rejected-events/{id}/replay", visit.rejectionId())
                .header("X-API-Key", ADMIN_KEY));
        assertThat(replayed.status()).as(replayed.body()).isEqualTo(200);
        assertThat(replayed.json().at("/result/status").asString()).isEqualTo("accepted");
    }

    @Test
    void aHouseholdNeverRegisteredIsJudgedByTheCommunityTheEventClaims() {
        scope("COMMUNITY", JIANWAI_STREET);

        assertAccepted(post("COMMUNITY", about("VisitRecorded", "scope-unknown-1", "110105000711", YONGANLI)));
        Answer elsewhere = post("COMMUNITY", about("VisitRecorded", "scope-unknown-2", "110105000711", JIXIANGLI));

        assertThat(elsewhere.violations()).containsExactly(tuple("communityCode", "department.jurisdiction-scope"));
        assertThat(elsewhere.json().at("/violations/0/offendingValue").asString())
                .isEqualTo(JIXIANGLI + " not within [" + JIANWAI_STREET + "]");
    }

    @Test
    void aRegistrationReportedLateDoesNotUndoANewerMove() {
        scope("COMMUNITY", JIANWAI_STREET);
        scope("CIVIL_AFFAIRS", "110105");
        assertAccepted(post(
                "CIVIL_AFFAIRS",
                at(about("HouseholdChanged", "scope-late-1", "110105000721", JIANGUOLI), "2026-11-22T02:00:00Z")));
        // the registration of where it lived before, reported after the move
        assertAccepted(post(
                "CIVIL_AFFAIRS",
                at(about("HouseholdRegistered", "scope-late-2", "110105000721", JIXIANGLI), "2026-11-10T02:00:00Z")));

        assertAccepted(post("COMMUNITY", about("VisitRecorded", "scope-late-3", "110105000721", YONGANLI)));
    }

    @Test
    void aBatchIsCheckedAgainstTheRegistrationsItsEarlierLinesMadeAndOnlyAcceptedOnesAreKept() {
        scope("CIVIL_AFFAIRS", YONGANLI);

        List<EventResult> results = senders.stream(
                "CIVIL_AFFAIRS",
                List.of(
                        // registered in its scope: accepted
                        about("HouseholdRegistered", "scope-batch-1", "110105000731", YONGANLI),
                        // a move out of its scope: refused, so it registers nothing
                        at(
                                about("HouseholdChanged", "scope-batch-2", "110105000731", JIXIANGLI),
                                "2026-11-21T02:00:00Z"),
                        // the household is registered in its scope by line 1, whatever this line claims
                        about("AssistanceGranted", "scope-batch-3", "110105000731", JIXIANGLI),
                        // a household never registered: judged by its claim, outside the scope
                        about("AssistanceGranted", "scope-batch-4", "110105000732", JIXIANGLI)));

        assertThat(results)
                .extracting(EventResult::eventId, EventResult::status)
                .containsExactly(
                        tuple("scope-batch-1", "accepted"),
                        tuple("scope-batch-2", "rejected"),
                        tuple("scope-batch-3", "accepted"),
                        tuple("scope-batch-4", "rejected"));
        // what the batch accepted was kept: the household is still registered in its scope
        assertAccepted(post("CIVIL_AFFAIRS", about("AssistanceGranted", "scope-batch-5", "110105000731", JIXIANGLI)));
    }
}
