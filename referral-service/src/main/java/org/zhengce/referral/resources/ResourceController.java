package org.zhengce.referral.resources;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zhengce.kit.security.Caller;
import org.zhengce.referral.security.Role;
import reactor.core.publisher.Mono;

/**
 * The service menu (any advisor, supervisor or admin) and the resource library's matches for advisors and
 * supervisors of the community (roles enforced by the security chain, the community here).
 */
@RestController
@Validated
class ResourceController {

    private final ResourceLibrary library;
    private final ServiceMenu menu;

    ResourceController(ResourceLibrary library, ServiceMenu menu) {
        this.library = library;
        this.menu = menu;
    }

    record MenuView(String version, List<ServiceCategory> categories) {}

    @GetMapping("/service-menu")
    MenuView serviceMenu() {
        return new MenuView(menu.version(), menu.categories());
    }

    /** {@code GET /resources?community=110105001001&service=medical.escort&service=care.elderly-visit}. */
    @GetMapping("/resources")
    Mono<List<ResourceMatch>> resources(
            @AuthenticationPrincipal Jwt jwt,
            @RequestParam @Pattern(regexp = "[0-9]{12}", message = "must be a 12-digit community code")
                    String community,
            @RequestParam @NotEmpty List<String> service) {
        if (!Caller.of(jwt, Role.class).covers(community)) {
            return Mono.error(ResourceProblem.outsideJurisdiction(community));
        }
        return library.match(community, service);
    }
}
