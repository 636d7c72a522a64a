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
import org.zhengce.registry.api.Responses.ConfigAnswer;
import org.zhengce.registry.subjects.SchemaRegistry;
import reactor.core.publisher.Mono;

/**
 * {@code /config}: the global and per-subject settings: compatibility level, {@code normalize},
 * {@code compatibilityGroup}, {@code validateFields}, {@code alias} and the data-contract defaults
 * and overrides.
 */
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
    Mono<ConfigAnswer> global() {
        return Blocking.call(() -> ConfigAnswer.of(registry.config(null, true)));
    }

    @PutMapping
    Mono<ConfigAnswer> setGlobal(@RequestBody(required = false) byte @Nullable [] body) {
        return Blocking.call(() -> ConfigAnswer.update(registry.updateConfig(null, bodies.config(body))));
    }

    @DeleteMapping
    Mono<CompatibilityLevelConfig> clearGlobal() {
        return Blocking.call(() ->
                new CompatibilityLevelConfig(registry.clearCompatibility(null).name()));
    }

    @GetMapping("/{subject}")
    Mono<ConfigAnswer> subject(
            @PathVariable String subject, @RequestParam(defaultValue = "false") boolean defaultToGlobal) {
        return Blocking.call(() -> ConfigAnswer.of(registry.config(subject, defaultToGlobal)));
    }

    @PutMapping("/{subject}")
    Mono<ConfigAnswer> setSubject(@PathVariable String subject, @RequestBody(required = false) byte @Nullable [] body) {
        return Blocking.call(() -> ConfigAnswer.update(registry.updateConfig(subject, bodies.config(body))));
    }

    @DeleteMapping("/{subject}")
    Mono<CompatibilityLevelConfig> clearSubject(@PathVariable String subject) {
        return Blocking.call(() -> new CompatibilityLevelConfig(
                registry.clearCompatibility(subject).name()));
    }
}
