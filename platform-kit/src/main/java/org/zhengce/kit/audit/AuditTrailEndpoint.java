package org.zhengce.kit.audit;

import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The admin endpoint that walks a service's audit trail: {@code GET <path>} answers the {@link AuditVerification}
 * ({@code firstBrokenRow} and {@code breach} null when intact). The service's security chain keeps it to admins.
 */
public final class AuditTrailEndpoint {

    /** Where each service serves it. */
    public static final String PATH = "/admin/audit-trail/verification";

    private AuditTrailEndpoint() {}

    public static RouterFunction<ServerResponse> routes(AuditTrail trail) {
        return RouterFunctions.route()
                .GET(
                        PATH,
                        request -> trail.verify()
                                .flatMap(result -> ServerResponse.ok().bodyValue(result)))
                .build();
    }
}
