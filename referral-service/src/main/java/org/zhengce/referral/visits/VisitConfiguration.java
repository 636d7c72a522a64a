package org.zhengce.referral.visits;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.zhengce.referral.resources.ServiceMenu;

@Configuration(proxyBeanMethods = false)
class VisitConfiguration {

    /** A visit's needs are items of the service menu. */
    @Bean
    NeedCatalogue needCatalogue(ServiceMenu menu) {
        return menu::has;
    }
}
