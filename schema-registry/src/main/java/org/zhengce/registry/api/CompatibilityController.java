package org.zhengce.registry.api;

import static org.zhengce.registry.api.MediaTypes.DEFAULT_JSON;
import static org.zhengce.registry.api.MediaTypes.JSON;
import static org.zhengce.registry.api.MediaTypes.V1_JSON;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zhengce.registry.api.Responses.CompatibilityCheck;
import org.zhengce.registry.subjects.RegistryException;
import org.zhengce.registry.subjects.SchemaRegistry;
import reactor.core.publisher.Mono;

/** {@code /compatibility}: would this schema be accepted? */
@RestController
@RequestMapping(
        path = "/compatibility/subjects/{subject}",
        produces = {V1_JSON, DEFAULT_JSON, JSON})
class CompatibilityController {

    private final SchemaRegistry registry;
    private final RequestBodies bodies;

    CompatibilityController(SchemaRegistry registry, RequestBodies bodies) {
        this.registry = registry;
        this.bodies = bodies;
    }

    @PostMapping("/versions/{version}")
    Mono<CompatibilityCheck> againstVersion(
            @PathVariable String subject,
            @PathVariable String version,
            @RequestParam(defaultValue = "false") boolean verbose,
            @RequestBody(required = false) byte @Nullable [] body) {
        return Blocking.call(() -> check(subject, version, verbose, body));
    }

    @PostMapping("/versions")
    Mono<CompatibilityCheck> againstSubject(
            @PathVariable String subject,
            @RequestParam(defaultValue = "false") boolean verbose,
            @RequestBody(required = false) byte @Nullable [] body) {
        return Blocking.call(() -> check(subject, null, verbose, body));
    }

    private CompatibilityCheck check(
            String subject, @Nullable String version, boolean verbose, byte @Nullable [] body) {
        List<String> problems;
        try {
            problems = registry.checkCompatibility(subject, version, bodies.schema(body));
        } catch (RegistryException e) {
            if (!verbose || e.errorCode() != 42201) {
                throw e;
            }
            problems = List.of(e.getMessage());
        }
        return new CompatibilityCheck(problems.isEmpty(), verbose ? problems : null);
    }
}
