package org.zhengce.referral.cases;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CaseSettings.class)
class CaseConfiguration {

    @Bean
    CaseDecisions caseDecisions(CaseSettings settings) {
        return new CaseDecisions(settings.visitWithinUrgent(), settings.visitWithin());
    }
}
