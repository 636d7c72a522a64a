package org.zhengce.referral.cases;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CaseSettings.class)
class CaseConfiguration {

    @Bean
    CaseDecisions caseDecisions(CaseSettings settings) {
        return new CaseDecisions(settings.deadlines());
    }

    // replaced by the service menu's items when the resource library lands
    @Bean
    NeedCatalogue needCatalogue() {
        return item -> item.matches("[a-z]+\\.[a-z-]+");
    }
}
