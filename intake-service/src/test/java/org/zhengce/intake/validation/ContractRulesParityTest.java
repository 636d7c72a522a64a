package org.zhengce.intake.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zhengce.intake.identity.IdentityNumbers.CLOCK;
import static org.zhengce.intake.validation.DepartmentEvents.COMMUNITIES;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.intake.reading.EventExamples;
import org.zhengce.schemas.registry.DataContract;
import org.zhengce.schemas.registry.Rule;
import org.zhengce.schemas.serde.GeneratedClassTrust;

/**
 * Every domain rule of {@code household.events}' data contract is refused first by intake's validation, with a
 * rejection result, on every field the rule can reach in every event type: what lets intake's writer leave the
 * contract's rules to the other writers and to readers (ADR 0018's amendment) without publishing anything the contract
 * refuses. A rule added to the contract fails the first test until intake's validation checks it and it is named
 * here.
 */
class ContractRulesParityTest {

    /** The contract's rules, each with the intake rule that refuses the same events earlier. */
    private static final Map<String, ValidationRule> CHECKED_FIRST = Map.of(
            "occurredNotAfterReported", ValidationRule.OCCURRED_AFTER_REPORTED,
            "amountsNotNegative", ValidationRule.AMOUNT_NEGATIVE,
            "countsNotNegative", ValidationRule.COUNT_NEGATIVE,
            "communityCodesAreTwelveDigits", ValidationRule.COMMUNITY_CODE_FORMAT);

    private final EventValidator validator = new EventValidator(CLOCK, COMMUNITIES);

    /** A step from a record to one of its fields, and into a list's element when {@code element} is not -1. */
    private record Step(int field, int element) {}

    @BeforeAll
    static void avroMayCopyItsGeneratedClasses() {
        GeneratedClassTrust.install();
    }

    @Test
    void householdEventsContractHoldsOnlyRulesIntakesValidationRefusesFirst() {
        assertThat(DataContract.published("org.zhengce.events.HouseholdEvent").domainRules())
                .extracting(Rule::name)
                .containsExactlyInAnyOrderElementsOf(CHECKED_FIRST.keySet());
    }

    @Test
    void aFactReportedBeforeItOccurredIsRefusedInEveryEventType() {
        for (DepartmentEvent example : EventExamples.all().values()) {
            DepartmentEvent event = DepartmentEvent.newBuilder(example)
                    .setOccurredAt(example.getReportedAt().plusSeconds(60))
                    .build();

            assertThat(rulesBroken(event))
                    .as(
                            "%s occurred after it was reported",
                            example.getFact().getClass().getSimpleName())
                    .contains(ValidationRule.OCCURRED_AFTER_REPORTED);
        }
    }

    @Test
    void aNegativeAmountInAnyFieldOfAnyEventTypeIsRefused() {
        int fields = refusedWherever(
                (name, type) -> name.endsWith("Fen") && isNumber(type), -1, ValidationRule.AMOUNT_NEGATIVE);

        assertThat(fields).as("amount fields tried").isPositive();
    }

    @Test
    void aNegativeCountInAnyFieldOfAnyEventTypeIsRefused() {
        int fields = refusedWherever(
                (name, type) -> (name.endsWith("Days") || name.startsWith("months")) && isNumber(type),
                -1,
                ValidationRule.COUNT_NEGATIVE);

        assertThat(fields).as("count fields tried").isPositive();
    }

    @Test
    void aCommunityCodeOfOtherThanTwelveDigitsInAnyFieldOfAnyEventTypeIsRefused() {
        int fields = refusedWherever(
                (name, type) -> name.equals("communityCode") && type.getType() == Schema.Type.STRING,
                "11010500100",
                ValidationRule.COMMUNITY_CODE_FORMAT);

        assertThat(fields).as("community code fields tried").isPositive();
    }

    /**
     * Sets each field the contract rule reaches ({@code reached}: by name and type), one at a time, in every example
     * event, to {@code broken}, and checks that validation refuses it with {@code rule}; emits how many it tried.
     */
    private int refusedWherever(BiPredicate<String, Schema> reached, Object broken, ValidationRule rule) {
        int tried = 0;
        for (DepartmentEvent example : EventExamples.all().values()) {
            List<List<Step>> paths = new ArrayList<>();
            collect(example, List.of(), reached, paths);
            for (List<Step> path : paths) {
                DepartmentEvent event = DepartmentEvent.newBuilder(example).build();
                set(event, path, broken);

                assertThat(rulesBroken(event))
                        .as("%s with %s set to %s", example.getFact().getClass().getSimpleName(), path, broken)
                        .contains(rule);
                tried++;
            }
        }
        return tried;
    }

    private List<ValidationRule> rulesBroken(DepartmentEvent event) {
        return validator.validate(event).stream().map(Violation::rule).toList();
    }

    private static void collect(
            IndexedRecord record, List<Step> at, BiPredicate<String, Schema> reached, List<List<Step>> paths) {
        for (Schema.Field field : record.getSchema().getFields()) {
            Object value = record.get(field.pos());
            Schema type = nonNull(field.schema());
            if (value instanceof IndexedRecord nested) {
                collect(nested, append(at, new Step(field.pos(), -1)), reached, paths);
            } else if (value instanceof List<?> elements) {
                for (int i = 0; i < elements.size(); i++) {
                    if (elements.get(i) instanceof IndexedRecord element) {
                        collect(element, append(at, new Step(field.pos(), i)), reached, paths);
                    }
                }
            } else if (reached.test(field.name(), type)) {
                paths.add(append(at, new Step(field.pos(), -1)));
            }
        }
    }

    private static void set(IndexedRecord event, List<Step> path, Object broken) {
        IndexedRecord record = event;
        for (Step step : path.subList(0, path.size() - 1)) {
            Object next = record.get(step.field());
            record = (IndexedRecord) (step.element() < 0 ? next : ((List<?>) next).get(step.element()));
        }
        Step leaf = path.get(path.size() - 1);
        Schema type = nonNull(record.getSchema().getFields().get(leaf.field()).schema());
        record.put(
                leaf.field(),
                broken instanceof Integer number && type.getType() == Schema.Type.LONG ? Long.valueOf(number) : broken);
    }

    private static List<Step> append(List<Step> at, Step step) {
        List<Step> path = new ArrayList<>(at);
        path.add(step);
        return path;
    }

    private static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        return schema.getTypes().stream()
                .filter(branch -> branch.getType() != Schema.Type.NULL)
                .findFirst()
                .orElse(schema);
    }

    private static boolean isNumber(Schema type) {
        return type.getType() == Schema.Type.LONG || type.getType() == Schema.Type.INT;
    }
}
