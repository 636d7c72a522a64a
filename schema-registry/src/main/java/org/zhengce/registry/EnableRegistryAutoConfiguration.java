package org.zhengce.registry;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;

/**
 * Spring Boot's auto-configuration limited to what the registry needs (web server, WebFlux,
 * Jackson, validation, actuator health), so that an application embedding the registry does not
 * leak its own auto-configurations (data sources, security, Kafka binders) into it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Import(RegistryAutoConfigurationSelector.class)
@interface EnableRegistryAutoConfiguration {

    Class<?>[] exclude() default {};

    String[] excludeName() default {};
}
