package org.zhengce.registry.api;

import static org.zhengce.registry.api.MediaTypes.DEFAULT_JSON;
import static org.zhengce.registry.api.MediaTypes.JSON;
import static org.zhengce.registry.api.MediaTypes.V1_JSON;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.zhengce.registry.api.Responses.SchemaText;
import org.zhengce.registry.api.Responses.SubjectSchema;
import org.zhengce.registry.api.Responses.SubjectVersion;
import org.zhengce.registry.store.SchemaVersion;
import org.zhengce.registry.subjects.SchemaRegistry;
import reactor.core.publisher.Mono;

/**
 * {@code /schemas}: every subject's versions, schemas by their global id, and the schema types this
 * registry accepts.
 */
@RestController
@RequestMapping(
        path = "/schemas",
        produces = {V1_JSON, DEFAULT_JSON, JSON})
class SchemasController {

    private final SchemaRegistry registry;

    SchemasController(SchemaRegistry registry) {
        this.registry = registry;
    }

    /**
     * The versions of every subject starting with {@code subjectPrefix}, as Confluent lists them:
     * {@code offset} skips, a positive {@code limit} caps the page.
     */
    @GetMapping
    Mono<List<SubjectSchema>> schemas(
            @RequestParam(defaultValue = "") String subjectPrefix,
            @RequestParam(defaultValue = "false") boolean deleted,
            @RequestParam(defaultValue = "false") boolean latestOnly,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "-1") int limit) {
        return Blocking.call(() -> registry.schemas(subjectPrefix, deleted, latestOnly).stream()
                .skip(Math.max(0, offset))
                .limit(limit > 0 ? limit : Long.MAX_VALUE)
                .map(SubjectSchema::of)
                .toList());
    }

    @GetMapping("/ids/{id}")
    Mono<SchemaText> schema(@PathVariable String id, @RequestParam(defaultValue = "false") boolean fetchMaxId) {
        return Blocking.call(() -> {
            SchemaVersion holder = registry.schemaVersionById(parseId(id));
            return SchemaText.of(holder, fetchMaxId ? registry.maxId() : null);
        });
    }

    @GetMapping("/guids/{guid}")
    Mono<SchemaText> schemaByGuid(@PathVariable String guid) {
        return Blocking.call(() -> SchemaText.of(registry.schemaVersionByGuid(guid), null));
    }

    @GetMapping("/ids/{id}/schema")
    Mono<ResponseEntity<byte[]>> rawSchema(@PathVariable String id) {
        return Blocking.call(() -> SubjectsController.rawSchema(registry.schemaById(parseId(id))));
    }

    @GetMapping("/ids/{id}/versions")
    Mono<List<SubjectVersion>> versions(
            @PathVariable String id, @RequestParam(defaultValue = "false") boolean deleted) {
        return Blocking.call(() -> registry.versionsById(parseId(id), deleted).stream()
                .map(v -> new SubjectVersion(v.subject(), v.version()))
                .toList());
    }

    @GetMapping("/ids/{id}/subjects")
    Mono<List<String>> subjects(@PathVariable String id, @RequestParam(defaultValue = "false") boolean deleted) {
        return Blocking.call(() -> registry.versionsById(parseId(id), deleted).stream()
                .map(SchemaVersion::subject)
                .distinct()
                .toList());
    }

    @GetMapping("/types")
    List<String> types() {
        return List.of("AVRO");
    }

    /** A non-numeric id names no resource, as in Confluent's registry: a plain 404. */
    private static int parseId(String id) {
        try {
            return Integer.parseInt(id);
        } catch (NumberFormatException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
