package org.zhengce.scoring.streams;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Applies {@code scoring.retention.*} ({@link ScoringSettings#retention()}) to the topology's configuration, whichever
 * configuration class builds it: the {@link ScoringTopology.Config} bean leaves here keeping portraits as configured.
 */
@Configuration(proxyBeanMethods = false)
class RetentionSettings {

    @Bean
    static BeanPostProcessor scoringRetention(ObjectProvider<ScoringSettings> settings) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof ScoringTopology.Config config) {
                    return config.withRetention(settings.getObject().keeping());
                }
                return bean;
            }
        };
    }
}
