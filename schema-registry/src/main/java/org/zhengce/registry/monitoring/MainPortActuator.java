package org.zhengce.registry.monitoring;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusOutputFormat;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /actuator/health} (its groups: {@code liveness}, {@code readiness}) and {@code /actuator/prometheus} on the
 * main port too when {@code management.server.port} moves the actuator to a port of its own: the probes and scrapers
 * that reach the registry on its service port keep working, under the registry's access rules there.
 */
@RestController
@ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
class MainPortActuator {

    private static final MediaType HEALTH_JSON =
            MediaType.parseMediaType("application/vnd.spring-boot.actuator.v3+json");

    private final HealthEndpoint health;
    private final ObjectProvider<PrometheusScrapeEndpoint> prometheus;
    private final HttpCodeStatusMapper statusMapper;

    MainPortActuator(
            HealthEndpoint health,
            ObjectProvider<PrometheusScrapeEndpoint> prometheus,
            ObjectProvider<HttpCodeStatusMapper> statusMapper) {
        this.health = health;
        this.prometheus = prometheus;
        this.statusMapper = statusMapper.getIfAvailable(() -> HttpCodeStatusMapper.DEFAULT);
    }

    @GetMapping("/actuator/health")
    ResponseEntity<HealthDescriptor> health() {
        return answer(health.health());
    }

    @GetMapping("/actuator/health/{group}")
    ResponseEntity<HealthDescriptor> health(@PathVariable String group) {
        return answer(health.healthForPath(group));
    }

    @GetMapping("/actuator/prometheus")
    ResponseEntity<byte[]> prometheus() {
        PrometheusScrapeEndpoint endpoint = prometheus.getIfAvailable();
        if (endpoint == null) {
            return ResponseEntity.notFound().build();
        }
        WebEndpointResponse<byte[]> scraped = endpoint.scrape(PrometheusOutputFormat.CONTENT_TYPE_004, null);
        return ResponseEntity.status(scraped.getStatus())
                .contentType(MediaType.parseMediaType(PrometheusOutputFormat.CONTENT_TYPE_004
                        .getProducedMimeType()
                        .toString()))
                .body(scraped.getBody());
    }

    private ResponseEntity<HealthDescriptor> answer(@Nullable HealthDescriptor descriptor) {
        if (descriptor == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
        }
        return ResponseEntity.status(statusMapper.getStatusCode(descriptor.getStatus()))
                .contentType(HEALTH_JSON)
                .body(descriptor);
    }
}
