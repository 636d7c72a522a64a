package org.zhengce.registry.api;

import static org.zhengce.registry.api.MediaTypes.DEFAULT_JSON;
import static org.zhengce.registry.api.MediaTypes.JSON;
import static org.zhengce.registry.api.MediaTypes.V1_JSON;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zhengce.registry.api.Responses.ModeConfig;
import org.zhengce.registry.subjects.SchemaRegistry;
import reactor.core.publisher.Mono;

/** {@code /mode}: READWRITE, READONLY or IMPORT, globally or per subject. */
@RestController
@RequestMapping(
        path = "/mode",
        produces = {V1_JSON, DEFAULT_JSON, JSON})
class ModeController {

    private final SchemaRegistry registry;
    private final RequestBodies bodies;

    ModeController(SchemaRegistry registry, RequestBodies bodies) {
        this.registry = registry;
        this.bodies = bodies;
    }

    @GetMapping
    Mono<ModeConfig> global() {
        return Blocking.call(() -> new ModeConfig(registry.mode(null, true).name()));
    }

    @PutMapping
    Mono<ModeConfig> setGlobal(
            @RequestParam(defaultValue = "false") boolean force,
            @RequestBody(required = false) byte @Nullable [] body) {
        return Blocking.call(() ->
                new ModeConfig(registry.setMode(null, bodies.mode(body), force).name()));
    }

    @GetMapping("/{subject}")
    Mono<ModeConfig> subject(
            @PathVariable String subject, @RequestParam(defaultValue = "false") boolean defaultToGlobal) {
        return Blocking.call(
                () -> new ModeConfig(registry.mode(subject, defaultToGlobal).name()));
    }

    @PutMapping("/{subject}")
    Mono<ModeConfig> setSubject(
            @PathVariable String subject,
            @RequestParam(defaultValue = "false") boolean force,
            @RequestBody(required = false) byte @Nullable [] body) {
        return Blocking.call(() -> new ModeConfig(
                registry.setMode(subject, bodies.mode(body), force).name()));
    }

    @DeleteMapping("/{subject}")
    Mono<ModeConfig> clearSubject(@PathVariable String subject) {
        return Blocking.call(() -> new ModeConfig(registry.clearMode(subject).name()));
    }
}
