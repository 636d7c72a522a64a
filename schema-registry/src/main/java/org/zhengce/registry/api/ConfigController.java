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
import org.zhengce.registry.api.Responses.CompatibilityLevelConfig;
import org.zhengce.registry.api.Responses.CompatibilityUpdate;
import org.zhengce.registry.subjects.SchemaRegistry;
import reactor.core.publisher.Mono;

/** {@code /config}: the global and per-subject compatibility levels. */
@RestController
@RequestMapping(
        path = "/config",
        produces = {V1_JSON, DEFAULT_JSON, JSON})
class ConfigController {

    private final SchemaRegistry registry;
    private final RequestBodies bodies;

    ConfigController(SchemaRegistry registry, RequestBodies bodies) {
        this.registry = registry;
        this.bodies = bodies;
    }

    @GetMapping
    Mono<CompatibilityLevelConfig> global() {
        return Blocking.call(() ->
                new CompatibilityLevelConfig(registry.compatibility(null, true).name()));
    }

    @PutMapping
    Mono<CompatibilityUpdate> setGlobal(@RequestBody(required = false) byte @Nullable [] body) {
        return Blocking.call(() -> new CompatibilityUpdate(
                registry.setCompatibility(null, bodies.compatibility(body)).name()));
    }

    @DeleteMapping
    Mono<CompatibilityLevelConfig> clearGlobal() {
        return Blocking.call(() ->
                new CompatibilityLevelConfig(registry.clearCompatibility(null).name()));
    }

    @GetMapping("/{subject}")
    Mono<CompatibilityLevelConfig> subject(
            @PathVariable String subject, @RequestParam(defaultValue = "false") boolean defaultToGlobal) {
        return Blocking.call(() -> new CompatibilityLevelConfig(
                registry.compatibility(subject, defaultToGlobal).name()));
    }

    @PutMapping("/{subject}")
    Mono<CompatibilityUpdate> setSubject(
            @PathVariable String subject, @RequestBody(required = false) byte @Nullable [] body) {
        return Blocking.call(() -> new CompatibilityUpdate(
                registry.setCompatibility(subject, bodies.compatibility(body)).name()));
    }

    @DeleteMapping("/{subject}")
    Mono<CompatibilityLevelConfig> clearSubject(@PathVariable String subject) {
        return Blocking.call(() -> new CompatibilityLevelConfig(
                registry.clearCompatibility(subject).name()));
    }
}
