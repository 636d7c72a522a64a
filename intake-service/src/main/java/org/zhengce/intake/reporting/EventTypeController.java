package org.zhengce.intake.reporting;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.zhengce.intake.reading.EventExamples;
import org.zhengce.intake.reading.EventJson;
import org.zhengce.intake.reading.EventTypes;
import org.zhengce.intake.validation.RuleCatalogue;
import org.zhengce.intake.validation.ValidationRule;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /event-types} and {@code GET /event-types/{type}}: a page per event type for a department's integrator,
 * generated at run time from the data standard's Avro schemas and the validator's rules (so it says what intake
 * checks, not what someone remembered to write), with the same valid example the OpenAPI document shows. Public, as
 * the OpenAPI document is.
 */
@RestController
@Tag(name = "Event types", description = "The data standard's event types: fields, rules and an example")
class EventTypeController {

    private final EventJson json;

    EventTypeController(EventJson json) {
        this.json = json;
    }

    /** One line of the list. */
    record EventTypeSummary(String type, String documentation, String page) {}

    /** One field: its path as violations name it, its type, whether it is required, its doc and its rules. */
    record FieldPage(String path, String type, boolean required, String documentation, List<String> rules) {}

    /**
     * The page of one type.
     *
     * @param crossFieldRules rules that compare fields (or the subject with the fact), by the path a violation names
     * @param example a valid event of the type, in the JSON form {@code POST /events} takes
     */
    record EventTypePage(
            String type,
            String documentation,
            List<FieldPage> fields,
            Map<String, List<String>> crossFieldRules,
            JsonNode example) {}

    @Operation(operationId = "listEventTypes", summary = "Every event type of the data standard, with its page")
    @SecurityRequirements
    @GetMapping("/event-types")
    List<EventTypeSummary> list() {
        return EventTypes.names().stream()
                .map(type -> new EventTypeSummary(
                        type, documentation(EventTypes.schemaOf(type).orElseThrow()), "/event-types/" + type))
                .toList();
    }

    @Operation(
            operationId = "getEventType",
            summary = "One event type: its fields, the rules intake checks, and a valid example",
            description = "Fields are listed by the path a violation names (fact.members[].identity.identityNumber);"
                    + " the envelope's fields first. Rules are the rule codes of answers and rejections. 404 with"
                    + " rule event-type.known for a type the data standard does not have.")
    @SecurityRequirements
    @GetMapping("/event-types/{type}")
    ResponseEntity<Object> page(
            @Parameter(description = "the fact's record name, e.g. HospitalDischarged") @PathVariable String type) {
        Schema schema = EventTypes.schemaOf(type).orElse(null);
        if (schema == null) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.NOT_FOUND,
                    "unknown event type '" + type + "'; the data standard has " + EventTypes.names());
            problem.setTitle("Unknown event type");
            problem.setInstance(URI.create("/event-types/" + type));
            problem.setProperty("rule", ValidationRule.EVENT_TYPE_UNKNOWN.code());
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
        }
        List<FieldPage> fields = RuleCatalogue.fieldsOf(schema).stream()
                .map(field -> new FieldPage(
                        field.path(), field.type(), field.required(), field.documentation(), codes(field.rules())))
                .toList();
        Map<String, List<String>> crossField = RuleCatalogue.factRulesOf(type).entrySet().stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey,
                        entry -> codes(entry.getValue()),
                        (a, b) -> a,
                        java.util.LinkedHashMap::new));
        return ResponseEntity.ok(new EventTypePage(
                type,
                documentation(schema),
                fields,
                crossField,
                json.write(java.util.Objects.requireNonNull(EventExamples.all().get(type), "no example of " + type))));
    }

    private static List<String> codes(List<ValidationRule> rules) {
        return rules.stream().map(ValidationRule::code).toList();
    }

    private static String documentation(Schema schema) {
        return schema.getDoc() == null ? "" : schema.getDoc();
    }
}
