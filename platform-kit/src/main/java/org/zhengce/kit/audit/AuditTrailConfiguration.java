package org.zhengce.kit.audit;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * A service's audit trail on its R2DBC database and the admins' verify endpoint ({@link AuditTrailEndpoint#PATH}),
 * for a service to {@code @Import}; the service declares its own {@link AuditedRequests} with its rules.
 */
@Configuration(proxyBeanMethods = false)
public class AuditTrailConfiguration {

    @Bean
    AuditTrail auditTrail(DatabaseClient db) {
        return new AuditTrail(db);
    }

    @Bean
    RouterFunction<ServerResponse> auditTrailVerification(AuditTrail trail) {
        return AuditTrailEndpoint.routes(trail);
    }
}
