package org.zhengce.intake.departments;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The platform admin's API for the registry (role PLATFORM_ADMIN, enforced by the security chain). */
@RestController
@RequestMapping("/admin/departments")
class DepartmentAdminController {

    private final DepartmentRegistry registry;

    /** Why an empty scope is refused, and how to name the areas. */
    static final String SCOPE_NEEDED = "must name at least one area: an empty scope covers nothing. Give area-code"
            + " prefixes of 2 to 12 digits, e.g. [\"110105\"] for a district (GB/T 2260) or [\"110105001001\"]"
            + " for one community";

    DepartmentAdminController(DepartmentRegistry registry) {
        this.registry = registry;
    }

    /** A department to register. */
    record Registration(
            @NotNull @Pattern(regexp = "[A-Z][A-Z0-9_]{1,63}", message = "must be upper case like CIVIL_AFFAIRS")
            String code,

            @NotBlank @Size(max = 200) String name,
            @NotNull Set<@NotNull @Pattern(regexp = "[A-Z][A-Za-z0-9]{1,99}") String> allowedEventTypes,
            @NotEmpty(message = SCOPE_NEEDED) List<@NotNull @Pattern(regexp = "[0-9]{2,12}") String> jurisdictionScope,
            @Positive @Max(100_000) int rateLimitPerSecond) {

        DepartmentRegistry.DepartmentTerms terms() {
            return new DepartmentRegistry.DepartmentTerms(
                    name, allowedEventTypes, jurisdictionScope, rateLimitPerSecond);
        }
    }

    /** New terms for a registered department. */
    record Terms(
            @NotBlank @Size(max = 200) String name,
            @NotNull Set<@NotNull @Pattern(regexp = "[A-Z][A-Za-z0-9]{1,99}") String> allowedEventTypes,
            @NotEmpty(message = SCOPE_NEEDED) List<@NotNull @Pattern(regexp = "[0-9]{2,12}") String> jurisdictionScope,
            @Positive @Max(100_000) int rateLimitPerSecond) {

        DepartmentRegistry.DepartmentTerms terms() {
            return new DepartmentRegistry.DepartmentTerms(
                    name, allowedEventTypes, jurisdictionScope, rateLimitPerSecond);
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Department> register(@Valid @RequestBody Registration registration) {
        return registry.register(registration.code(), registration.terms());
    }

    @GetMapping
    Flux<Department> list() {
        return registry.list();
    }

    @GetMapping("/{code}")
    Mono<Department> get(@PathVariable String code) {
        return registry.get(code);
    }

    @PutMapping("/{code}")
    Mono<Department> change(@PathVariable String code, @Valid @RequestBody Terms terms) {
        return registry.change(code, terms.terms());
    }

    @PostMapping("/{code}/disable")
    Mono<Department> disable(@PathVariable String code) {
        return registry.setEnabled(code, false);
    }

    @PostMapping("/{code}/enable")
    Mono<Department> enable(@PathVariable String code) {
        return registry.setEnabled(code, true);
    }

    /** Issues a new key and revokes the older ones; the response is the only place the secret appears. */
    @PostMapping("/{code}/api-keys")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<IssuedApiKey> issueKey(@PathVariable String code) {
        return registry.issueKey(code);
    }
}
