package org.zhengce.scoring.activation;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zhengce.events.ModelRole;
import org.zhengce.events.ScoringModelPublished;
import org.zhengce.scoring.model.InvalidModelException;
import org.zhengce.scoring.model.ScoringModel;
import org.zhengce.scoring.security.Caller;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@code /models}: publish a model version as active or shadow, retire one, list them. */
@RestController
@Tag(name = "Models", description = "Publish, retire and list scoring model versions")
class ModelController {

    /** Media types a model document may be posted as. */
    static final String YAML = "application/yaml";

    private static final int MAX_MODEL_BYTES = 1024 * 1024;

    private final PublishedModels models;
    private final ModelPublisher publisher;
    private final Clock clock;

    ModelController(PublishedModels models, ModelPublisher publisher, ObjectProvider<Clock> clock) {
        this.models = models;
        this.publisher = publisher;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** What was published. */
    record ModelAccepted(String version, ModelRole role, Instant activatedAt) {}

    /** A published version and what it is now. */
    record ModelVersion(
            String version,
            ModelRole role,
            Instant activatedAt,
            @Nullable String publishedBy,
            @Nullable String note,
            boolean active,
            boolean shadow) {}

    /**
     * The published versions, with the one that scores now and the one in the shadow.
     *
     * @param active the version that scores now (the built-in default until one is published)
     * @param shadow the version in the shadow now, if any
     */
    record ModelCatalogue(String active, @Nullable String shadow, List<ModelVersion> versions) {}

    @Operation(
            operationId = "publishModel",
            summary = "Publish a model version as active or shadow",
            description = "The body is the whole model document (YAML). It is parsed and checked first; a version"
                    + " already published with another text is refused. ACTIVE: scores from now (the topology"
                    + " switches within a tick and re-scores every household from its stored portrait). SHADOW: runs"
                    + " beside the active one without warnings; see GET /shadow-report. Platform admin only.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = {
                                @Content(mediaType = YAML, schema = @Schema(type = "string")),
                                @Content(mediaType = MediaType.TEXT_PLAIN_VALUE, schema = @Schema(type = "string"))
                            }),
            responses = {
                @ApiResponse(responseCode = "202", description = "published on scoring.models"),
                @ApiResponse(
                        responseCode = "400",
                        description = "not a valid model: every problem, with its path in the document",
                        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE)),
                @ApiResponse(
                        responseCode = "409",
                        description = "the version is already published with another text",
                        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE)),
                @ApiResponse(
                        responseCode = "503",
                        description = "the streams are starting or rebalancing; see Retry-After",
                        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
            })
    @PostMapping(
            path = "/models",
            consumes = {MediaType.TEXT_PLAIN_VALUE, YAML, "application/x-yaml", "text/yaml"})
    Mono<ResponseEntity<ModelAccepted>> publish(
            @Parameter(description = "ACTIVE or SHADOW") @RequestParam String role,
            @Parameter(description = "what changed, kept with the version") @RequestParam(required = false) @Nullable
                    String note,
            @AuthenticationPrincipal Caller caller,
            ServerHttpRequest request) {
        ModelRole publishedRole = role(role);
        return DataBufferUtils.join(request.getBody(), MAX_MODEL_BYTES)
                .onErrorMap(
                        DataBufferLimitException.class,
                        e -> problem(
                                HttpStatus.CONTENT_TOO_LARGE,
                                "Model too large",
                                "a model document is at most " + MAX_MODEL_BYTES + " bytes"))
                .map(ModelController::text)
                .defaultIfEmpty("")
                .publishOn(Schedulers.boundedElastic())
                .flatMap(yaml -> {
                    ScoringModel model = parse(yaml);
                    models.find(model.version()).ifPresent(existing -> {
                        if (!existing.getModel().equals(yaml)) {
                            throw problem(
                                    HttpStatus.CONFLICT,
                                    "Version already published",
                                    "model version " + model.version() + " is already published with another"
                                            + " text; give the changed model a new version");
                        }
                    });
                    return publisher.publish(model.version(), yaml, publishedRole, caller.subject(), note);
                })
                .map(published -> ResponseEntity.accepted().body(accepted(published)));
    }

    @Operation(
            operationId = "retireModel",
            summary = "Retire a model version (withdraw a shadow)",
            description = "Publishes the version again as RETIRED: a shadow stops at the next tick and its report"
                    + " empties. The version that scores now cannot be retired: activate another first. Platform"
                    + " admin only.",
            responses = {
                @ApiResponse(responseCode = "202", description = "retired"),
                @ApiResponse(
                        responseCode = "404",
                        description = "no such version was published",
                        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE)),
                @ApiResponse(
                        responseCode = "409",
                        description = "the version scores now",
                        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
            })
    @PostMapping("/models/{version}/retire")
    Mono<ResponseEntity<ModelAccepted>> retire(
            @PathVariable String version,
            @RequestParam(required = false) @Nullable String note,
            @AuthenticationPrincipal Caller caller) {
        return Mono.fromCallable(() -> {
                    ScoringModelPublished existing = models.find(version)
                            .orElseThrow(() -> problem(
                                    HttpStatus.NOT_FOUND,
                                    "Unknown model version",
                                    "model version " + version + " was never published"));
                    if (models.select(Instant.now(clock)).active().version().equals(version)) {
                        throw problem(
                                HttpStatus.CONFLICT,
                                "Model version is active",
                                "model version " + version + " scores now; activate another version first");
                    }
                    return existing;
                })
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(existing -> publisher.publish(
                        version,
                        existing.getModel(),
                        ModelRole.RETIRED,
                        caller.subject(),
                        note == null ? "retired" : note))
                .map(published -> ResponseEntity.accepted().body(accepted(published)));
    }

    @Operation(
            operationId = "listModels",
            summary = "The published model versions",
            description = "Every version published on scoring.models with its role, and which scores and which"
                    + " runs in the shadow now.")
    @GetMapping("/models")
    Mono<ModelCatalogue> list() {
        return Mono.fromCallable(() -> {
                    List<ScoringModelPublished> all = models.all();
                    PublishedModels.Selection now = models.select(all, Instant.now(clock));
                    String active = now.active().version();
                    String shadow = now.shadow() == null ? null : now.shadow().version();
                    List<ModelVersion> versions = all.stream()
                            .map(p -> new ModelVersion(
                                    p.getModelVersion(),
                                    p.getRole(),
                                    p.getActivatedAt(),
                                    p.getPublishedBy(),
                                    p.getNote(),
                                    p.getModelVersion().equals(active),
                                    p.getModelVersion().equals(shadow)))
                            .toList();
                    return new ModelCatalogue(active, shadow, versions);
                })
                .subscribeOn(Schedulers.boundedElastic());
    }

    private static ModelRole role(String role) {
        return switch (role) {
            case "ACTIVE" -> ModelRole.ACTIVE;
            case "SHADOW" -> ModelRole.SHADOW;
            default ->
                throw problem(
                        HttpStatus.BAD_REQUEST,
                        "Invalid role",
                        "role must be ACTIVE or SHADOW, is " + role + " (POST /models/{version}/retire retires)");
        };
    }

    private static ScoringModel parse(String yaml) {
        try {
            return ScoringModel.fromYaml(yaml);
        } catch (InvalidModelException invalid) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, invalid.getMessage());
            problem.setTitle("Invalid model");
            problem.setProperty("problems", invalid.problems());
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, invalid);
        }
    }

    private static ModelAccepted accepted(ScoringModelPublished published) {
        return new ModelAccepted(published.getModelVersion(), published.getRole(), published.getActivatedAt());
    }

    private static String text(DataBuffer buffer) {
        try {
            return buffer.toString(StandardCharsets.UTF_8);
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    private static ErrorResponseException problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return new ErrorResponseException(status, problem, null);
    }
}
