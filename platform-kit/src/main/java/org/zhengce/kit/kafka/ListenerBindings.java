package org.zhengce.kit.kafka;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.cloud.stream.binder.kafka.config.ClientFactoryCustomizer;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaConsumerProperties;
import org.springframework.cloud.stream.binder.kafka.support.ConsumerConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.PublishSubscribeChannel;
import org.springframework.integration.context.IntegrationContextUtils;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.converter.BatchMessagingMessageConverter;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.messaging.Message;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;
import org.zhengce.schemas.catalogue.Topic;
import org.zhengce.schemas.catalogue.TopicCatalogue;

/**
 * A service's Spring Cloud Stream Kafka bindings, as its listeners need them (one bean: the binder's listener
 * container customizer, and its consumer settings and consumer factory customizer). Each binding's consumers read its
 * destination with the serdes of the destination's {@link TopicBinding} (wrapped in {@link ErrorHandlingDeserializer},
 * so a record that cannot be read reaches the error handler and never blocks the partition: use {@code
 * use-native-decoding: true}), and its failures are classified by {@link ListenerErrors} with the binding's own
 * settings:
 *
 * <ul>
 *   <li>{@code spring.cloud.stream.kafka.bindings.<b>.consumer.enable-dlq} and {@code dlq-name} (the catalogue's
 *       dead-letter topic of the destination, checked at start-up): where a permanent failure goes at once, and a
 *       transient one once its attempts are spent ({@code platform-failure: permanent | transient-exhausted});
 *   <li>{@code spring.cloud.stream.bindings.<b>.consumer.max-attempts}, {@code back-off-initial-interval}, {@code
 *       back-off-multiplier}, {@code back-off-max-interval}: the deliveries of a transient failure and the back-off
 *       between them.
 * </ul>
 *
 * A binding without a dead-letter topic (the topic keeps the record for ever, and another service owns its dead
 * letters) skips a permanent failure with a warning and retries a transient one, with the binding's back-off, until it
 * passes: its {@code max-attempts} is not used, since giving up there would lose the record.
 *
 * <p>The container's error handler retries and dead-letters ({@link #retryAndDlqInBinding} is false): the binder's
 * {@code RetryTemplate} retries a record inside one delivery, blind to batches and to the classification (ADR 0016).
 * A batch binding ({@code batch-mode: true}) names {@link #CONVERTER} as its {@code converter-bean-name}, so that its
 * function finds the records as they were polled ({@link #records}) and names the one that failed ({@link
 * BatchFailures}, {@link UnreadableRecords}).
 */
public final class ListenerBindings
        implements ListenerContainerWithDlqAndRetryCustomizer, ConsumerConfigCustomizer, ClientFactoryCustomizer {

    /** The bean name of the {@link Infrastructure}'s converter, for {@code spring.cloud.stream.kafka.bindings.<b>.consumer.converter-bean-name}. */
    public static final String CONVERTER = "polledRecordsConverter";

    /**
     * Names a binding's destination in its consumer settings, from {@link #configure(Map, String, String)} (which
     * knows the destination) to {@link #configure(ConsumerFactory)} (which sets the serdes, and removes it).
     */
    private static final String DESTINATION = "platform.binding.destination";

    private final ListenerErrors errors;
    private final TopicCatalogue catalogue;
    private final Map<String, TopicBinding<?, ?>> bindings = new LinkedHashMap<>();

    private ListenerBindings(ListenerErrors errors, TopicCatalogue catalogue, List<TopicBinding<?, ?>> bindings) {
        this.errors = errors;
        this.catalogue = catalogue;
        bindings.forEach(binding -> this.bindings.put(binding.name(), binding));
    }

    /**
     * The customizer of the bindings of {@code bindings}' topics (a destination that is not one of them fails at
     * start-up), their failures handled by {@code errors} (its dead-letter publisher, serializer and meters), their
     * dead-letter topics checked against {@code catalogue}.
     */
    public static ListenerBindings of(
            ListenerErrors errors, TopicCatalogue catalogue, List<TopicBinding<?, ?>> bindings) {
        return new ListenerBindings(errors, catalogue, bindings);
    }

    /**
     * What a service with batch bindings imports ({@code @Import(ListenerBindings.Infrastructure.class)}) next to its
     * {@link ListenerBindings} bean: the converter its batch bindings name, and the application's error channel.
     */
    @Configuration(proxyBeanMethods = false)
    public static class Infrastructure {

        /**
         * The converter of a batch binding's records into a message whose payload is the values and whose {@link
         * KafkaHeaders#RAW_DATA} header is the records as polled (with their topic, partition, offset and headers: an
         * unreadable one carries its reason there).
         */
        @Bean(CONVERTER)
        BatchMessagingMessageConverter polledRecordsConverter() {
            BatchMessagingMessageConverter converter = new BatchMessagingMessageConverter();
            converter.setRawRecordHeader(true);
            return converter;
        }

        /**
         * The application's error channel (declared, so that Spring Integration declares none), with no subscriber.
         * The binder bridges each binding's failures to it, where Spring Integration's own would log them at ERROR
         * with the message's payload (the records' content); the container's error handler logs them (the reason
         * only), counts them and dead-letters them.
         */
        @Bean(IntegrationContextUtils.ERROR_CHANNEL_BEAN_NAME)
        PublishSubscribeChannel errorChannel() {
            return new PublishSubscribeChannel();
        }
    }

    /** The records of a batch binding's message, in the order they were polled (see {@link Infrastructure}). */
    @SuppressWarnings("unchecked")
    public static <K, V> List<ConsumerRecord<K, V>> records(Message<?> batch) {
        Object records = batch.getHeaders().get(KafkaHeaders.RAW_DATA);
        if (!(records instanceof List<?> list)) {
            throw new IllegalStateException("a batch without its records: the binding must name the " + CONVERTER
                    + " converter (converter-bean-name)");
        }
        return (List<ConsumerRecord<K, V>>) list;
    }

    /** The container's error handler does the retries and dead letters, not the binder's retry template. */
    @Override
    public boolean retryAndDlqInBinding(String destination, String group) {
        return false;
    }

    @Override
    public void configure(
            AbstractMessageListenerContainer<?, ?> container,
            String destination,
            String group,
            @Nullable BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
            @Nullable BackOff backOff) {
        configure(container, destination, group, dlqDestinationResolver, backOff, null);
    }

    @Override
    public void configure(
            AbstractMessageListenerContainer<?, ?> container,
            String destination,
            String group,
            @Nullable BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
            @Nullable BackOff backOff,
            @Nullable ExtendedConsumerProperties<KafkaConsumerProperties> properties) {
        TopicBinding<?, ?> binding = bindings.get(destination);
        if (binding == null) {
            throw new IllegalStateException("binding of " + destination + " (group " + group
                    + "): not a topic of this service's bindings " + bindings.keySet());
        }
        if (dlqDestinationResolver != null) {
            checkDeadLetterTopic(binding, properties);
            // max-attempts 1: no back-off from the binder, a transient failure is dead-lettered at its first delivery
            container.setCommonErrorHandler(
                    errors.handler(dlqDestinationResolver, backOff == null ? new FixedBackOff(0, 0) : backOff));
        } else {
            container.setCommonErrorHandler(errors.handler((record, e) -> null, untilItPasses(properties)));
        }
    }

    /** The consumer settings of the binding of {@code destination} name it, for {@link #configure(ConsumerFactory)}. */
    @Override
    public void configure(Map<String, Object> consumerProperties, String bindingName, String destination) {
        consumerProperties.put(DESTINATION, destination);
    }

    /**
     * The consumers of a binding read keys and values with its topic's serdes (configured already: the consumer
     * settings must not reconfigure them), each wrapped in {@link ErrorHandlingDeserializer}.
     */
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void configure(ConsumerFactory<?, ?> factory) {
        Object destination = factory.getConfigurationProperties().get(DESTINATION);
        if (destination == null) {
            return;
        }
        TopicBinding<?, ?> binding = bindings.get(destination.toString());
        if (binding == null) {
            throw new IllegalStateException(
                    "binding of " + destination + ": not a topic of this service's bindings " + bindings.keySet());
        }
        if (!(factory instanceof DefaultKafkaConsumerFactory consumers)) {
            throw new IllegalStateException("binding of " + destination + ": its consumer factory is "
                    + factory.getClass().getName());
        }
        consumers.removeConfig(DESTINATION);
        ErrorHandlingDeserializer<?> keys =
                new ErrorHandlingDeserializer<>(binding.keySerde().deserializer());
        keys.setForKey(true);
        ErrorHandlingDeserializer<?> values =
                new ErrorHandlingDeserializer<>(binding.valueSerde().deserializer());
        consumers.setKeyDeserializer(keys);
        consumers.setValueDeserializer(values);
        consumers.setConfigureDeserializers(false);
    }

    /** A binding's dead letters go to the catalogue's dead-letter topic of its destination, or start-up fails. */
    private void checkDeadLetterTopic(
            TopicBinding<?, ?> binding, @Nullable ExtendedConsumerProperties<KafkaConsumerProperties> properties) {
        if (properties == null) {
            return;
        }
        String configured = properties.getExtension().getDlqName();
        Optional<String> catalogued =
                catalogue.deadLetterTopicOf(binding.name()).map(Topic::name);
        if (catalogued.isEmpty() || !catalogued.get().equals(configured)) {
            throw new IllegalStateException("spring.cloud.stream.kafka.bindings." + properties.getBindingName()
                    + ".consumer.dlq-name is " + configured + "; the catalogue's dead-letter topic of "
                    + binding.name() + " is " + catalogued.orElse("none"));
        }
    }

    /** The binding's back-off without a bound on the attempts. */
    private static BackOff untilItPasses(@Nullable ExtendedConsumerProperties<KafkaConsumerProperties> properties) {
        ExponentialBackOff backOff = new ExponentialBackOff();
        if (properties != null) {
            backOff.setInitialInterval(properties.getBackOffInitialInterval());
            backOff.setMultiplier(properties.getBackOffMultiplier());
            backOff.setMaxInterval(properties.getBackOffMaxInterval());
        }
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        backOff.setMaxAttempts(Long.MAX_VALUE);
        return backOff;
    }
}
