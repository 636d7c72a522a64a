package org.zhengce.intake.decisions;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.zhengce.events.AssistanceDecisionShared;
import org.zhengce.kit.crypto.CryptoSuite;
import org.zhengce.kit.crypto.KeyRing;
import org.zhengce.kit.crypto.Sealer;
import org.zhengce.kit.kafka.ListenerErrors;
import org.zhengce.schemas.serde.ConfluentAvroDeserializer;
import org.zhengce.schemas.serde.SerdeConfig;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

/** The decisions feature's beans: its listener with its own error handling, the webhook registry and the delivery. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DecisionSettings.class)
class DecisionConfiguration {

    /** The decisions listener's container factory: the department topics' error handler is not for these records. */
    static final String CONTAINER_FACTORY = "decisionListenerContainerFactory";

    private static final String SEALING_KEYS = "intake.pipeline.sealing-keys";

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> decisionListenerContainerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
            ConsumerFactory<Object, Object> consumers,
            KafkaTemplate<String, byte[]> kafka,
            MeterRegistry meters) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, consumers);
        // transient (the database, the registry): read again with back-off for as long as it takes, the record is
        // referral's and stays on its topic; permanent (not a decision): skipped with a warning naming the record (the
        // topic has no dead-letter lane, so nothing is published)
        factory.setCommonErrorHandler(ListenerErrors.publishingWith(kafka)
                .countingIn(meters)
                .loggingRetries()
                .handler());
        return factory;
    }

    @Bean
    DecisionTopicListener decisionTopicListener(
            DecisionLedger ledger, KafkaProperties kafka, ObjectProvider<Clock> clock) {
        Map<String, Object> config = new HashMap<>(kafka.getProperties());
        config.put(SerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, AssistanceDecisionShared.class.getName());
        ConfluentAvroDeserializer<AssistanceDecisionShared> deserializer = new ConfluentAvroDeserializer<>();
        deserializer.configure(config, false);
        return new DecisionTopicListener(ledger, deserializer, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    WebhookRegistry webhookRegistry(DatabaseClient db, Environment environment) {
        return new WebhookRegistry(db, sealer(Binder.get(environment)));
    }

    @Bean
    DecisionDelivery decisionDelivery(
            DecisionLedger ledger,
            WebhookRegistry webhooks,
            ObjectProvider<WebClient.Builder> builders,
            JsonMapper json,
            DecisionSettings settings,
            ObjectProvider<Clock> clock,
            MeterRegistry meters) {
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        settings.requestTimeout().toMillis())
                .responseTimeout(settings.requestTimeout());
        WebClient client = builders.getIfAvailable(WebClient::builder)
                .clientConnector(new ReactorClientHttpConnector(http))
                .defaultHeader("User-Agent", "zhengce-intake-service (Standard Webhooks)")
                .build();
        return new DecisionDelivery(
                ledger, webhooks, client, json, settings, clock.getIfAvailable(Clock::systemUTC), meters);
    }

    /** Writes the endpoints configuration names to the database, where the delivery finds them. */
    @Bean
    ApplicationRunner configuredWebhooks(
            WebhookRegistry webhooks, DecisionSettings settings, ObjectProvider<Clock> clock) {
        return arguments -> Flux.fromIterable(settings.webhooks().entrySet())
                .concatMap(entry -> webhooks.register(
                        entry.getKey(),
                        entry.getValue().url(),
                        WebhookSecret.parse(entry.getValue().secret(), "intake.decisions.webhooks." + entry.getKey()),
                        WebhookRegistry.RegisteredBy.CONFIGURATION,
                        clock.getIfAvailable(Clock::systemUTC).instant()))
                .then()
                .block();
    }

    /** Intake's sealing keys (those of its kept rejections), so a platform team keeps one set of keys. */
    private static Sealer sealer(Binder binder) {
        Map<String, String> keys = new LinkedHashMap<>();
        binder.bind(SEALING_KEYS, Bindable.mapOf(String.class, String.class))
                .orElse(Map.of())
                .forEach((id, key) -> {
                    if (!key.isBlank()) {
                        keys.put(id, key);
                    }
                });
        String active =
                binder.bind("intake.pipeline.sealing-key-id", String.class).orElse("");
        CryptoSuite suite =
                binder.bind("intake.pipeline.crypto-suite", CryptoSuite.class).orElse(CryptoSuite.STANDARD);
        return new Sealer(suite, KeyRing.fromBase64(SEALING_KEYS, keys, active));
    }
}
