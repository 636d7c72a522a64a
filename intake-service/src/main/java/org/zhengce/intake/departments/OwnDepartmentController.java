package org.zhengce.intake.departments;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Lets a department's integrator check its credentials and see what it may send. */
@RestController
class OwnDepartmentController {

    /** The calling department as the registry knows it: allowed event types, scope, rate limit. */
    @GetMapping("/departments/me")
    Department me(@AuthenticationPrincipal DepartmentPrincipal principal) {
        return principal.department();
    }
}
