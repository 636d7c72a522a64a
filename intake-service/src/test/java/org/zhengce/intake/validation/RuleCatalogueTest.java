package org.zhengce.intake.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;
import org.zhengce.events.RelationToHead;
import org.zhengce.events.Sex;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.intake.ResidentIdentity;
import org.zhengce.intake.reading.EventExamples;
import org.zhengce.intake.reading.EventTypes;

/**
 * The page of an event type lists every rule the validator enforces on it: each example, broken in the ways the
 * validator's generic and per-fact rules catch, gives only violations whose (path, rule) the {@link RuleCatalogue}
 * names for that type. A rule added to {@link EventValidator} and not to the catalogue fails here.
 */
class RuleCatalogueTest {

    private static final org.zhengce.intake.reading.EventJson JSON = new org.zhengce.intake.reading.EventJson();
    private static final Clock DECEMBER_FIRST = Clock.fixed(Instant.parse("2026-12-01T04:00:00Z"), ZoneId.of("UTC"));
    private final EventValidator validator = new EventValidator(
            DECEMBER_FIRST, CommunityDirectory.of(Set.of(EventExamples.COMMUNITY_CODE, "110105001002")));

    /** The (path, rule) pairs the catalogue names for {@code type}, paths with [] for any index. */
    private static Set<String> listed(String type) {
        Set<String> listed = new HashSet<>();
        RuleCatalogue.fieldsOf(EventTypes.schemaOf(type).orElseThrow())
                .forEach(field -> field.rules().forEach(rule -> listed.add(field.path() + " " + rule.code())));
        RuleCatalogue.factRulesOf(type)
                .forEach((path, rules) -> rules.forEach(rule -> listed.add(path + " " + rule.code())));
        return listed;
    }

    /** The violations of {@code type}'s example after {@code breaking}, as "path rule", indices written as []. */
    private List<String> violations(String type, Consumer<DepartmentEvent> breaking) {
        // a fresh copy, through the JSON form (Avro's deep copy refuses the generated enums' classes)
        DepartmentEvent event = java.util.Objects.requireNonNull(
                JSON.read(JSON.writeBytes(EventExamples.all().get(type))).event());
        breaking.accept(event);
        return validator.validate(event).stream()
                .map(v -> v.fieldPath().replaceAll("\\[[^]]*]", "[]") + " " + v.ruleCode())
                .toList();
    }

    private void assertListed(String type, String expected, Consumer<DepartmentEvent> breaking) {
        List<String> found = violations(type, breaking);
        assertThat(found).as(type).contains(expected);
        assertThat(listed(type)).as(type).containsAll(found);
    }

    private static SpecificRecordBase fact(DepartmentEvent event) {
        return (SpecificRecordBase) event.getFact();
    }

    private static SpecificRecordBase member(DepartmentEvent event, int index) {
        return (SpecificRecordBase) ((List<?>) fact(event).get("members")).get(index);
    }

    @Test
    void everyExampleIsValidAndEveryTypeHasFieldsWithRules() {
        for (String type : EventTypes.names()) {
            assertThat(violations(type, event -> {})).as(type).isEmpty();
            assertThat(RuleCatalogue.fieldsOf(EventTypes.schemaOf(type).orElseThrow()))
                    .as(type)
                    .anySatisfy(field -> assertThat(field.path()).startsWith("fact."))
                    .anySatisfy(field -> assertThat(field.rules()).isNotEmpty());
        }
    }

    @Test
    void theGenericRulesBrokenOnAnExampleAreOnItsPage() {
        assertListed(
                "HospitalDischarged",
                "occurredAt time.occurred-not-after-reported",
                event -> event.setOccurredAt(event.getReportedAt().plusSeconds(60)));
        assertListed(
                "HospitalDischarged",
                "reportedAt time.not-in-future",
                event -> event.setReportedAt(Instant.parse("2027-01-01T00:00:00Z")));
        assertListed(
                "HospitalDischarged",
                "communityCode community-code.known",
                event -> event.setCommunityCode("110105009999"));
        assertListed(
                "HospitalDischarged",
                "eventId identity-number.not-in-identifier",
                event -> event.setEventId("HEALTH-990101198001011236"));
        assertListed(
                "HospitalDischarged",
                "subject.identityNumber identity-number.check-digit",
                event -> event.setSubject(new ResidentIdentity("990101198001011237")));
        assertListed(
                "MedicalExpenseSettled",
                "fact.totalFen amount.non-negative",
                event -> fact(event).put("totalFen", -1L));
    }

    @Test
    void thePerFactRulesBrokenOnAnExampleAreOnItsPage() {
        assertListed(
                "MedicalExpenseSettled",
                "fact.outOfPocketFen amount.part-not-above-total",
                event -> fact(event).put("outOfPocketFen", (Long) fact(event).get("totalFen") + 1));
        assertListed(
                "DisabilityCertified", "fact.grade range", event -> fact(event).put("grade", 9));
        assertListed(
                "AssistanceGranted",
                "fact.endDate date.end-not-before-start",
                event -> fact(event).put("endDate", ((LocalDate) fact(event).get("startDate")).minusDays(1)));
        assertListed(
                "MemberJoined",
                "subject subject.kind",
                event -> event.setSubject(new ResidentIdentity("990101198001011236")));
        assertListed(
                "HouseholdRegistered",
                "fact.members household.one-head",
                event -> member(event, 1).put("relationToHead", RelationToHead.HEAD));
        assertListed(
                "HouseholdRegistered",
                "communityCode community-code.consistent",
                event -> event.setCommunityCode("110105001002"));
        assertListed("HouseholdRegistered", "fact.members[].sex member.sex-matches-identity-number", event -> {
            SpecificRecordBase head = member(event, 0);
            head.put("sex", head.get("sex") == Sex.MALE ? Sex.FEMALE : Sex.MALE);
        });
        assertListed(
                "HouseholdRegistered",
                "fact.members[].birthDate member.birth-date-matches-identity-number",
                event -> member(event, 0).put("birthDate", LocalDate.of(1970, 1, 2)));
        assertListed(
                "HouseholdRegistered",
                "fact.members[].identity.identityNumber household.member-unique",
                event -> member(event, 1).put("identity", member(event, 0).get("identity")));
    }
}
