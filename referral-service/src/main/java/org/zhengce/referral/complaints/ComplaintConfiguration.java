package org.zhengce.referral.complaints;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.zhengce.referral.deadlines.Deadlines;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ComplaintSettings.class)
class ComplaintConfiguration {

    /** Each category's deadlines, in working days as the cases count them; a bad one fails start-up naming it. */
    @Bean
    ComplaintDeadlines complaintDeadlines(ComplaintSettings settings, Deadlines caseDeadlines) {
        return new ComplaintDeadlines(caseDeadlines, settings.windows());
    }
}
