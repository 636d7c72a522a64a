package org.zhengce.referral.cases;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CaseConfiguration {

    @Bean
    CaseDecisions caseDecisions(CaseDeadlines deadlines) {
        return new CaseDecisions(deadlines);
    }
}
