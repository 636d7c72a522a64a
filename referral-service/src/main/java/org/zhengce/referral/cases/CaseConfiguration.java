package org.zhengce.referral.cases;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.zhengce.referral.resources.ServiceMenu;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({CaseSettings.class, PlanSettings.class})
class CaseConfiguration {

    @Bean
    CaseDecisions caseDecisions(CaseSettings settings) {
        return new CaseDecisions(settings.deadlines());
    }

    /** A visit's needs are items of the service menu. */
    @Bean
    NeedCatalogue needCatalogue(ServiceMenu menu) {
        return menu::has;
    }
}
