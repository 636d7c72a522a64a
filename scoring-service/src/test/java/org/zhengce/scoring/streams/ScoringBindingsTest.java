package org.zhengce.scoring.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.cloud.stream.binder.kafka.streams.properties.KafkaStreamsExtendedBindingProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.zhengce.schemas.catalogue.TopicCatalogue;
import org.zhengce.schemas.serde.SerdeConfig;

/**
 * The topology's bindings as {@code scoring-service.yml} declares them (bound as Spring binds them, no context) are
 * the topic catalogue's topics, so that the binding configuration and the catalogue cannot drift apart.
 */
class ScoringBindingsTest {

    private final TopicCatalogue catalogue = TopicCatalogue.load();

    @Test
    void theBindingsDestinationsAreTheCataloguesTopics() throws IOException {
        ScoringBindings bindings = bindings(Map.of());

        assertThat(bindings.destinationOf(ScoringBindings.HOUSEHOLD_EVENTS))
                .isEqualTo(catalogue.topic("household.events").name());
        assertThat(bindings.destinationOf(ScoringBindings.SCORES))
                .isEqualTo(catalogue.topic("household.scores").name());
        assertThat(bindings.destinationOf(ScoringBindings.WARNINGS))
                .isEqualTo(catalogue.topic("household.warnings").name());
        // and the dead-letter lane and the deserialisation handler, as the topology needs them
        bindings.verify(config());
    }

    @Test
    void aBindingThatDriftsFromTheCatalogueStopsTheStartWithItsPropertyName() throws IOException {
        ScoringBindings drifted = bindings(Map.of(
                "spring.cloud.stream.bindings.scores.destination", "household.score",
                "spring.cloud.stream.kafka.streams.bindings.householdEvents.consumer.dlq-name",
                        "error.household.events"));

        assertThatThrownBy(() -> drifted.verify(config()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("spring.cloud.stream.bindings.scores.destination is household.score, must be "
                        + catalogue.topic("household.scores").name())
                .hasMessageContaining("spring.cloud.stream.kafka.streams.bindings.householdEvents.consumer.dlq-name is "
                        + "error.household.events, must be "
                        + catalogue
                                .deadLetterTopicOf("household.events")
                                .orElseThrow()
                                .name());
    }

    /** The service's YAML, with {@code overrides} before it. */
    private static ScoringBindings bindings(Map<String, String> overrides) throws IOException {
        List<ConfigurationPropertySource> sources = new ArrayList<>();
        sources.add(new MapConfigurationPropertySource(overrides));
        List<PropertySource<?>> yaml = new YamlPropertySourceLoader()
                .load("scoring-service.yml", new ClassPathResource("scoring-service.yml"));
        ConfigurationPropertySources.from(yaml).forEach(sources::add);
        Binder binder = new Binder(sources);
        BindingServiceProperties bindings = new BindingServiceProperties();
        binder.bind(
                "spring.cloud.stream", org.springframework.boot.context.properties.bind.Bindable.ofInstance(bindings));
        KafkaStreamsExtendedBindingProperties streams = new KafkaStreamsExtendedBindingProperties();
        binder.bind(
                "spring.cloud.stream.kafka.streams",
                org.springframework.boot.context.properties.bind.Bindable.ofInstance(streams));
        return new ScoringBindings(bindings, streams);
    }

    /** The topology's configuration as the service builds it from the catalogue. */
    private static ScoringTopology.Config config() {
        KafkaProperties kafka = new KafkaProperties();
        kafka.getProperties().put(SerdeConfig.SCHEMA_REGISTRY_URL, "http://localhost:8081");
        ScoringSettings settings = new Binder(new MapConfigurationPropertySource(new HashMap<>()))
                .bindOrCreate("scoring", ScoringSettings.class);
        return new StreamsConfiguration().scoringTopologyConfig(kafka, settings, new SimpleMeterRegistry());
    }
}
