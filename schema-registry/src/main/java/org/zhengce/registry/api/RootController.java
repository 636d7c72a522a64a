package org.zhengce.registry.api;

import static org.zhengce.registry.api.MediaTypes.DEFAULT_JSON;
import static org.zhengce.registry.api.MediaTypes.JSON;
import static org.zhengce.registry.api.MediaTypes.V1_JSON;

import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.zhengce.registry.subjects.SchemaRegistry;
import reactor.core.publisher.Mono;

/**
 * {@code GET /}: the empty object Confluent's registry answers, used by clients as a ping; {@code
 * GET /contexts}: the contexts in use; {@code DELETE /contexts/{context}}: 204 without a body, as Confluent Platform
 * 8.0.1 and later answer, or 422/42211 while the context holds a subject.
 */
@RestController
class RootController {

    private final SchemaRegistry registry;

    RootController(SchemaRegistry registry) {
        this.registry = registry;
    }

    @GetMapping(
            path = "/",
            produces = {V1_JSON, DEFAULT_JSON, JSON})
    Map<String, Object> root() {
        return Map.of();
    }

    @GetMapping(
            path = "/contexts",
            produces = {V1_JSON, DEFAULT_JSON, JSON})
    Mono<List<String>> contexts() {
        return Blocking.call(registry::contexts);
    }

    @DeleteMapping(
            path = "/contexts/{context}",
            produces = {V1_JSON, DEFAULT_JSON, JSON})
    Mono<ResponseEntity<Void>> deleteContext(@PathVariable String context) {
        return Blocking.call(() -> {
            registry.deleteContext(context);
            return ResponseEntity.noContent().<Void>build();
        });
    }
}
