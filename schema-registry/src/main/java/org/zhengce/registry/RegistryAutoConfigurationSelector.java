package org.zhengce.registry;

import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfigurationImportSelector;
import org.springframework.core.annotation.AnnotationAttributes;
import org.springframework.core.type.AnnotationMetadata;

/** Keeps only the auto-configurations whose package is on the registry's allow-list. */
class RegistryAutoConfigurationSelector extends AutoConfigurationImportSelector {

    private static final List<String> ALLOWED_PACKAGES = List.of(
            "org.springframework.boot.autoconfigure.availability.",
            "org.springframework.boot.autoconfigure.context.",
            "org.springframework.boot.autoconfigure.ssl.",
            "org.springframework.boot.reactor.",
            "org.springframework.boot.netty.",
            "org.springframework.boot.webflux.autoconfigure.",
            "org.springframework.boot.http.codec.",
            "org.springframework.boot.jackson.",
            "org.springframework.boot.validation.",
            "org.springframework.boot.health.",
            "org.springframework.boot.actuate.autoconfigure.endpoint.",
            "org.springframework.boot.actuate.autoconfigure.web.server.",
            // the registry's meters, kept in a Prometheus registry of its own (management.metrics.use-global-registry
            // is
            // false: an embedding application's meters and the registry's stay apart)
            "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.");

    @Override
    protected Class<?> getAnnotationClass() {
        return EnableRegistryAutoConfiguration.class;
    }

    @Override
    protected List<String> getCandidateConfigurations(AnnotationMetadata metadata, AnnotationAttributes attributes) {
        return super.getCandidateConfigurations(metadata, attributes).stream()
                .filter(RegistryAutoConfigurationSelector::allowed)
                .toList();
    }

    private static boolean allowed(String autoConfiguration) {
        return ALLOWED_PACKAGES.stream().anyMatch(autoConfiguration::startsWith);
    }
}
