package org.zhengce.intake.reporting;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.zhengce.intake.reading.EventExamples;
import org.zhengce.intake.reading.EventJson;
import org.zhengce.kit.security.SwaggerSignIn;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI page departments integrate from: how to authenticate, and a valid example of every event type for
 * {@code POST /events} (the same examples the tests send), an NDJSON example and a CSV example.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiDocumentation {

    private static final String API_KEY = "apiKey";
    private static final String BEARER = "oauth2ClientCredentials";
    /**
     * Made up and nobody's: region 990101 is no GB/T 2260 division; born 1980-01-01, sequence 123, correct check
     * character (as {@link EventExamples}).
     */
    private static final String SAMPLE_IDENTITY_NUMBER = "990101198001011236";

    @Bean
    OpenApiCustomizer intakeDocumentation(EventJson json) {
        JsonMapper mapper = JsonMapper.builder().build();
        return openApi -> {
            openApi.info(new Info()
                    .title("intake-service: the department edge")
                    .version("1")
                    .description("Departments report household and person events here. Authenticate with"
                            + " X-API-Key: <keyId>.<secret> (issued by the platform admin) or an OAuth2"
                            + " client-credentials JWT with a department claim. Every event is checked against"
                            + " the data standard (all errors at once), identity numbers are pseudonymised before"
                            + " anything leaves intake, and a re-send of the same (department, eventId) gets the"
                            + " same answer. Limits: 1 MB per JSON event, 100,000 events per NDJSON stream,"
                            + " 512 MB per CSV file, each department's rate limit (429 with Retry-After)."
                            + " Each event type's fields, the rules intake checks on them and a valid example:"
                            + " [/event-types](/event-types) (one page each, /event-types/{type}, generated from the"
                            + " schemas and the validator). Try an event or a file without sending it:"
                            + " POST /events/dry-run, POST /submissions/dry-run."));
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            components.addSecuritySchemes(
                    API_KEY,
                    new SecurityScheme()
                            .type(SecurityScheme.Type.APIKEY)
                            .in(SecurityScheme.In.HEADER)
                            .name("X-API-Key"));
            openApi.components(components);
            openApi.addSecurityItem(new SecurityRequirement().addList(API_KEY));
            SwaggerSignIn.requireBearerJwt(openApi, BEARER);

            PathItem events =
                    openApi.getPaths() == null ? null : openApi.getPaths().get("/events");
            if (events == null || events.getPost() == null || events.getPost().getRequestBody() == null) {
                return;
            }
            Content content = events.getPost().getRequestBody().getContent();
            MediaType single = content.computeIfAbsent("application/json", k -> new MediaType());
            EventExamples.all()
                    .forEach((type, event) -> single.addExamples(
                            type,
                            new Example().summary(type).value(mapper.convertValue(json.write(event), Map.class))));
            MediaType stream = content.computeIfAbsent("application/x-ndjson", k -> new MediaType());
            stream.addExamples(
                    "three events",
                    new Example()
                            .summary("One event per line")
                            .value(EventExamples.all().values().stream()
                                    .limit(3)
                                    .map(event -> new String(json.writeBytes(event), StandardCharsets.UTF_8))
                                    .collect(Collectors.joining("\n", "", "\n"))));
            PathItem submissions = openApi.getPaths().get("/submissions");
            if (submissions != null
                    && submissions.getPost() != null
                    && submissions.getPost().getRequestBody() != null) {
                submissions
                        .getPost()
                        .getRequestBody()
                        .getContent()
                        .computeIfAbsent("text/csv", k -> new MediaType())
                        .addExamples(
                                "HospitalDischarged",
                                new Example()
                                        .summary("?type=HospitalDischarged")
                                        .value("eventId,occurredAt,reportedAt,identityNumber,communityCode,hospital,"
                                                + "lengthOfStayDays\n"
                                                + "HEALTH-2026-0002,2026-11-20T10:00:00+08:00,2026-11-20T11:00:00+08:00,"
                                                + SAMPLE_IDENTITY_NUMBER + ",110105001001,朝阳医院,12\n"));
            }
        };
    }
}
