package org.zhengce.intake.audit;

import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
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
    AuditedRequests auditedRequests(AuditTrail trail, ObjectProvider<Clock> clock) {
        return new AuditedRequests(
                trail,
                clock.getIfAvailable(Clock::systemUTC),
                List.of(
                        Rule.any("/admin/departments/**", "departments"),
                        Rule.any("/admin/departments", "departments"),
                        Rule.any("/admin/rejected-events/**", "rejected-events"),
                        Rule.any("/admin/rejected-events", "rejected-events"),
                        Rule.any("/admin/**", "admin"),
                        Rule.reads("/rejected-events", "rejected-events"),
                        Rule.reads("/departments/me", "department"),
                        // a department's decisions name households: each read and each endpoint change is audited
                        Rule.any("/departments/me/webhook", "webhook"),
                        Rule.reads("/decisions", "decisions"),
                        Rule.reads("/decisions/deliveries", "decisions")));
    }
}
