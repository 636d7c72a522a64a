package org.zhengce.referral.resources;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ResourceSettings.class)
class ResourceConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ResourceConfiguration.class);

    @Bean
    ServiceMenu serviceMenu(ResourceSettings settings) {
        ServiceMenu menu = ServiceMenu.load(settings.location());
        log.info(
                "service menu {} version {}: {} categories, {} items",
                settings.location().getDescription(),
                menu.version(),
                menu.categories().size(),
                menu.itemCodes().size());
        return menu;
    }
}
