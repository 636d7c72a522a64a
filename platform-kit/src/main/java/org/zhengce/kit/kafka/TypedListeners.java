package org.zhengce.kit.kafka;

import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

/**
 * Listener container factories that read a topic with its {@link TopicBinding}'s serdes, so that the binding is the
 * one place a topic's key and value types are named: no deserializer class in the configuration. A record that
 * cannot be read reaches the error handler ({@link ErrorHandlingDeserializer}), never blocks the partition. The rest
 * is configured as Spring Boot configures its own factory ({@code spring.kafka.consumer.*},
 * {@code spring.kafka.listener.*}, the context's error handler).
 */
public final class TypedListeners {

    private TypedListeners() {}

    /** The factory of listeners of {@code binding}'s topic; name it in {@code @KafkaListener(containerFactory = …)}. */
    @SuppressWarnings("unchecked")
    public static <K, V> ConcurrentKafkaListenerContainerFactory<K, V> containerFactory(
            TopicBinding<K, V> binding,
            KafkaProperties kafkaProperties,
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer) {
        ErrorHandlingDeserializer<K> keys =
                new ErrorHandlingDeserializer<>(binding.keySerde().deserializer());
        keys.setForKey(true);
        ErrorHandlingDeserializer<V> values =
                new ErrorHandlingDeserializer<>(binding.valueSerde().deserializer());
        // the binding's serdes are configured already (and thread-safe): the consumer settings must not reconfigure
        // them
        ConsumerFactory<K, V> consumers =
                new DefaultKafkaConsumerFactory<>(kafkaProperties.buildConsumerProperties(), keys, values, false);
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, (ConsumerFactory<Object, Object>) (ConsumerFactory<?, ?>) consumers);
        return (ConcurrentKafkaListenerContainerFactory<K, V>) (ConcurrentKafkaListenerContainerFactory<?, ?>) factory;
    }
}
