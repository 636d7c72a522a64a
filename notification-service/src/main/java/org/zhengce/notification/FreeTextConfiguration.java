package org.zhengce.notification;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.zhengce.kit.web.IdentityNumberMasking;

/** Identity numbers typed into free text are masked as a request body is read, before anything keeps them. */
@Configuration(proxyBeanMethods = false)
class FreeTextConfiguration {

    @Bean
    IdentityNumberMasking identityNumberMasking(MeterRegistry meters) {
        return new IdentityNumberMasking(meters, NotificationApplication.NAME);
    }
}
