package org.zhengce.referral.complaints;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.zhengce.events.ComplaintOutcome;
import org.zhengce.kit.security.Caller;
import org.zhengce.referral.security.Role;
import reactor.core.publisher.Mono;

/**
 * Complaints for anyone signed in with a role that works on cases of an area: file one about a case of one's area,
 * list one's own (as complainant or handler), read one, and, as a handler, acknowledge and resolve it. Refusals are
 * problems naming their {@code rule}; a complaint the caller may not see is 404.
 */
@RestController
@RequestMapping("/complaints")
@Validated
class ComplaintController {

    private final Complaints complaints;

    ComplaintController(Complaints complaints) {
        this.complaints = complaints;
    }

    record Resolution(
            @NotNull ComplaintOutcome outcome,
            @Nullable @Size(max = 4000) String note) {}

    @Operation(summary = "File a complaint about a case, one of its decisions or a person who worked on it")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<ComplaintView> file(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody ComplaintFiling filing) {
        return Mono.defer(() -> complaints.file(Caller.of(jwt, Role.class), filing));
    }

    @Operation(summary = "The complaints the caller filed or handles, newest first")
    @GetMapping
    Mono<List<ComplaintView>> mine(@AuthenticationPrincipal Jwt jwt) {
        return complaints.mine(Caller.of(jwt, Role.class));
    }

    @Operation(summary = "One complaint, to its complainant and its handlers (404 to anyone else)")
    @GetMapping("/{id}")
    Mono<ComplaintView> read(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        return complaints.read(Caller.of(jwt, Role.class), id);
    }

    @Operation(summary = "A handler acknowledges the complaint (409 unless it is FILED)")
    @PostMapping("/{id}/acknowledge")
    Mono<ComplaintView> acknowledge(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        return complaints.acknowledge(Caller.of(jwt, Role.class), id);
    }

    @Operation(
            summary = "A handler resolves the complaint with an outcome (409 before it is acknowledged);"
                    + " its complainant may withdraw it (WITHDRAWN)")
    @PostMapping("/{id}/resolve")
    Mono<ComplaintView> resolve(
            @AuthenticationPrincipal Jwt jwt, @PathVariable UUID id, @Valid @RequestBody Resolution resolution) {
        return complaints.resolve(Caller.of(jwt, Role.class), id, resolution.outcome(), resolution.note());
    }
}
