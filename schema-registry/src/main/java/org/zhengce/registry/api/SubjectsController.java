package org.zhengce.registry.api;

import static org.zhengce.registry.api.MediaTypes.DEFAULT_JSON;
import static org.zhengce.registry.api.MediaTypes.JSON;
import static org.zhengce.registry.api.MediaTypes.V1_JSON;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zhengce.registry.api.Responses.RegisteredSchema;
import org.zhengce.registry.api.Responses.SubjectSchema;
import org.zhengce.registry.subjects.RegistryException;
import org.zhengce.registry.subjects.SchemaRegistry;
import reactor.core.publisher.Mono;

/** {@code /subjects}: registering, looking up, listing and deleting subject versions. */
@RestController
@RequestMapping(
        path = "/subjects",
        produces = {V1_JSON, DEFAULT_JSON, JSON})
class SubjectsController {

    private final SchemaRegistry registry;
    private final RequestBodies bodies;

    SubjectsController(SchemaRegistry registry, RequestBodies bodies) {
        this.registry = registry;
        this.bodies = bodies;
    }

    @GetMapping
    Mono<List<String>> subjects(
            @RequestParam(defaultValue = "") String subjectPrefix,
            @RequestParam(defaultValue = "false") boolean deleted,
            @RequestParam(defaultValue = "false") boolean deletedOnly) {
        return Blocking.call(() -> registry.subjects(subjectPrefix, deleted, deletedOnly));
    }

    @PostMapping("/{subject}")
    Mono<SubjectSchema> lookup(
            @PathVariable String subject,
            @RequestParam(defaultValue = "false") boolean deleted,
            @RequestParam(defaultValue = "false") boolean normalize,
            @RequestBody(required = false) byte @Nullable [] body) {
        return Blocking.call(() -> SubjectSchema.of(registry.lookup(subject, bodies.schema(body), deleted)));
    }

    @DeleteMapping("/{subject}")
    Mono<List<Integer>> deleteSubject(
            @PathVariable String subject, @RequestParam(defaultValue = "false") boolean permanent) {
        return Blocking.call(() -> registry.deleteSubject(subject, permanent));
    }

    @GetMapping("/{subject}/versions")
    Mono<List<Integer>> versions(
            @PathVariable String subject,
            @RequestParam(defaultValue = "false") boolean deleted,
            @RequestParam(defaultValue = "false") boolean deletedOnly) {
        return Blocking.call(() -> registry.versions(subject, deleted, deletedOnly));
    }

    @PostMapping("/{subject}/versions")
    Mono<RegisteredSchema> register(
            @PathVariable String subject,
            @RequestParam(defaultValue = "false") boolean normalize,
            @RequestBody(required = false) byte @Nullable [] body) {
        return Blocking.call(() -> RegisteredSchema.of(registry.register(subject, bodies.schema(body))));
    }

    /** The latest version whose metadata has every {@code key}/{@code value} property given. */
    @GetMapping("/{subject}/metadata")
    Mono<SubjectSchema> latestWithMetadata(
            @PathVariable String subject,
            @RequestParam(defaultValue = "false") boolean deleted,
            @RequestParam(name = "key", required = false) @Nullable List<String> keys,
            @RequestParam(name = "value", required = false) @Nullable List<String> values) {
        return Blocking.call(() -> {
            List<String> k = keys == null ? List.of() : keys;
            List<String> v = values == null ? List.of() : values;
            if (k.size() != v.size()) {
                throw new RegistryException(400, 400, "Every metadata key needs a value");
            }
            Map<String, String> properties = new LinkedHashMap<>();
            for (int i = 0; i < k.size(); i++) {
                properties.put(k.get(i), v.get(i));
            }
            return SubjectSchema.of(registry.latestWithMetadata(subject, properties, deleted));
        });
    }

    @GetMapping("/{subject}/versions/{version}")
    Mono<SubjectSchema> version(
            @PathVariable String subject,
            @PathVariable String version,
            @RequestParam(defaultValue = "false") boolean deleted) {
        return Blocking.call(() -> SubjectSchema.of(registry.version(subject, version, deleted)));
    }

    @GetMapping("/{subject}/versions/{version}/schema")
    Mono<ResponseEntity<byte[]>> versionSchema(
            @PathVariable String subject,
            @PathVariable String version,
            @RequestParam(defaultValue = "false") boolean deleted) {
        return Blocking.call(
                () -> rawSchema(registry.version(subject, version, deleted).schema()));
    }

    @GetMapping("/{subject}/versions/{version}/referencedby")
    Mono<List<Integer>> referencedBy(@PathVariable String subject, @PathVariable String version) {
        return Blocking.call(() -> {
            registry.version(subject, version, true);
            return List.of();
        });
    }

    @DeleteMapping("/{subject}/versions/{version}")
    Mono<Integer> deleteVersion(
            @PathVariable String subject,
            @PathVariable String version,
            @RequestParam(defaultValue = "false") boolean permanent) {
        return Blocking.call(() -> registry.deleteVersion(subject, version, permanent));
    }

    /** A schema as its own JSON document, as Confluent's {@code .../schema} endpoints return it. */
    static ResponseEntity<byte[]> rawSchema(String schema) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(V1_JSON))
                .body(schema.getBytes(StandardCharsets.UTF_8));
    }
}
