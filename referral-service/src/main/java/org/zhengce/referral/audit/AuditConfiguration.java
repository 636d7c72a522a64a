package org.zhengce.referral.audit;

import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.zhengce.kit.audit.AuditTrail;
import org.zhengce.kit.audit.AuditTrailConfiguration;
import org.zhengce.kit.audit.AuditedRequests;
import org.zhengce.kit.audit.AuditedRequests.Rule;

/**
 * Referral's audit trail (the kit's, in referral's database), its verify endpoint for admins, and the requests
 * audited as they are answered: statistics, an organisation's referral list, every admin action. Cases' reads and
 * changes are audited by the cases themselves ({@link AuditLog}), with the case's community.
 */
@Configuration(proxyBeanMethods = false)
@Import(AuditTrailConfiguration.class)
class AuditConfiguration {

    @Bean
    AuditedRequests auditedRequests(AuditTrail trail, Clock clock) {
        return new AuditedRequests(
                trail,
                clock,
                List.of(
                        Rule.reads("/statistics/**", "statistics"),
                        Rule.reads("/referrals", "organisation-referrals"),
                        Rule.any("/admin/**", "admin")));
    }
}
