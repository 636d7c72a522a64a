package org.zhengce.notification.audit;

import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.zhengce.kit.audit.AuditTrail;
import org.zhengce.kit.audit.AuditTrailConfiguration;
import org.zhengce.kit.audit.AuditedRequests;
import org.zhengce.kit.audit.AuditedRequests.Rule;

/** The trail, its verify endpoint for admins, and the requests audited as they are answered. */
@Configuration(proxyBeanMethods = false)
@Import(AuditTrailConfiguration.class)
class AuditConfiguration {

    @Bean
    AuditedRequests auditedRequests(AuditTrail trail, Clock clock) {
        return new AuditedRequests(
                trail,
                clock,
                List.of(
                        Rule.reads("/alerts/stream", "alert-stream"),
                        Rule.any("/alerts/**", "alerts"),
                        Rule.any("/alerts", "alerts"),
                        Rule.reads("/communities/{community}/alerts", "community-alerts"),
                        Rule.any("/subscriptions/**", "subscriptions"),
                        Rule.any("/admin/**", "admin")));
    }
}
