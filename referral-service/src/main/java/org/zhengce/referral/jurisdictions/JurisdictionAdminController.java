package org.zhengce.referral.jurisdictions;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.zhengce.referral.resources.OrganisationKind;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The platform admin's API for jurisdictions and people (role PLATFORM_ADMIN, enforced by the security chain). */
@RestController
@RequestMapping("/admin")
class JurisdictionAdminController {

    private static final String ID = "[a-z0-9][a-z0-9._-]{0,99}";
    private static final String COMMUNITY = "[0-9]{12}";

    private final JurisdictionDirectory directory;

    JurisdictionAdminController(JurisdictionDirectory directory) {
        this.directory = directory;
    }

    record NewJurisdiction(
            @NotNull @Pattern(regexp = "[0-9]{4}|[0-9]{6}|[0-9]{9}|[0-9]{12}", message = "must be 4, 6, 9 or 12 digits")
            String code,

            @NotBlank @Size(max = 200) String name) {}

    record Name(@NotBlank @Size(max = 200) String name) {}

    record AdvisorTerms(
            @NotBlank @Size(max = 200) String name,
            @NotNull AdvisorKind kind,

            @NotEmpty
            List<@NotNull @Pattern(regexp = COMMUNITY, message = "must be a 12-digit community code") String>
                    communities) {}

    record NewAdvisor(
            @NotNull @Pattern(regexp = ID) String id,
            @NotBlank @Size(max = 200) String name,
            @NotNull AdvisorKind kind,

            @NotEmpty
            List<@NotNull @Pattern(regexp = COMMUNITY, message = "must be a 12-digit community code") String>
                    communities) {}

    record SupervisorTerms(
            @NotBlank @Size(max = 200) String name,

            @NotNull @Pattern(regexp = "[0-9]{6}|[0-9]{9}", message = "must be a district (6) or street (9) code")
            String jurisdictionCode) {}

    record NewSupervisor(
            @NotNull @Pattern(regexp = ID) String id,
            @NotBlank @Size(max = 200) String name,

            @NotNull @Pattern(regexp = "[0-9]{6}|[0-9]{9}", message = "must be a district (6) or street (9) code")
            String jurisdictionCode) {}

    /** {@code kind} defaults to {@code SOCIAL_ORGANISATION}; services are service-menu items. */
    record OrganisationTerms(
            @NotBlank @Size(max = 200) String name,
            @Nullable OrganisationKind kind,
            @NotNull List<@NotBlank String> services,
            @PositiveOrZero int capacity,

            @NotEmpty
            List<@NotNull @Pattern(regexp = COMMUNITY, message = "must be a 12-digit community code") String>
                    communities) {}

    record NewOrganisation(
            @NotNull @Pattern(regexp = ID) String id,
            @NotBlank @Size(max = 200) String name,
            @Nullable OrganisationKind kind,
            @NotNull List<@NotBlank String> services,
            @PositiveOrZero int capacity,

            @NotEmpty
            List<@NotNull @Pattern(regexp = COMMUNITY, message = "must be a 12-digit community code") String>
                    communities) {}

    @GetMapping("/jurisdictions")
    Flux<Jurisdiction> jurisdictions() {
        return directory.jurisdictions();
    }

    @GetMapping("/jurisdictions/{code}")
    Mono<Jurisdiction> jurisdiction(@PathVariable String code) {
        return directory.jurisdiction(code);
    }

    @PostMapping("/jurisdictions")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Jurisdiction> create(@Valid @RequestBody NewJurisdiction body) {
        return directory.create(body.code(), body.name());
    }

    @PutMapping("/jurisdictions/{code}")
    Mono<Jurisdiction> rename(@PathVariable String code, @Valid @RequestBody Name body) {
        return directory.rename(code, body.name());
    }

    @GetMapping("/advisors")
    Flux<Advisor> advisors() {
        return directory.advisors();
    }

    @PostMapping("/advisors")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Advisor> create(@Valid @RequestBody NewAdvisor body) {
        return directory.save(new Advisor(body.id(), body.name(), body.kind(), body.communities()), true);
    }

    @PutMapping("/advisors/{id}")
    Mono<Advisor> update(@PathVariable String id, @Valid @RequestBody AdvisorTerms body) {
        return directory.save(new Advisor(id, body.name(), body.kind(), body.communities()), false);
    }

    @GetMapping("/supervisors")
    Flux<Supervisor> supervisors() {
        return directory.supervisors();
    }

    @PostMapping("/supervisors")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Supervisor> create(@Valid @RequestBody NewSupervisor body) {
        return directory.save(new Supervisor(body.id(), body.name(), body.jurisdictionCode()), true);
    }

    @PutMapping("/supervisors/{id}")
    Mono<Supervisor> update(@PathVariable String id, @Valid @RequestBody SupervisorTerms body) {
        return directory.save(new Supervisor(id, body.name(), body.jurisdictionCode()), false);
    }

    @GetMapping("/organisations")
    Flux<Organisation> organisations() {
        return directory.organisations();
    }

    @PostMapping("/organisations")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Organisation> create(@Valid @RequestBody NewOrganisation body) {
        return directory.save(
                new Organisation(
                        body.id(),
                        body.name(),
                        kind(body.kind()),
                        body.services(),
                        body.capacity(),
                        body.communities()),
                true);
    }

    @PutMapping("/organisations/{id}")
    Mono<Organisation> update(@PathVariable String id, @Valid @RequestBody OrganisationTerms body) {
        return directory.save(
                new Organisation(
                        id, body.name(), kind(body.kind()), body.services(), body.capacity(), body.communities()),
                false);
    }

    private static OrganisationKind kind(@Nullable OrganisationKind kind) {
        return kind == null ? OrganisationKind.SOCIAL_ORGANISATION : kind;
    }
}
