package org.zhengce.registry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The store's reader outlives a failure of its consumer: it reads again from the first record it has not applied,
 * neither skipping one nor applying one twice, and says it is not following while it cannot read.
 */
class ReaderFailureTests {

    private static final String TOPIC = "_schemas";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    private final StoreCodec codec = new StoreCodec();
    private final AtomicInteger failuresToCome = new AtomicInteger();
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name()) {
        @Override
        public synchronized org.apache.kafka.clients.consumer.ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
            if (failuresToCome.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new KafkaException("the broker went away longer than the consumer waits");
            }
            return super.poll(timeout);
        }
    };
    private final KafkaRegistryStore store = new KafkaRegistryStore(
            TOPIC,
            Duration.ofSeconds(5),
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()),
            consumer);

    private final Logger storeLog = (Logger) LoggerFactory.getLogger(KafkaRegistryStore.class);
    private final ListAppender<ILoggingEvent> warnings = new ListAppender<>();

    @BeforeEach
    void listenToWarnings() {
        warnings.start();
        storeLog.addAppender(warnings);
    }

    @AfterEach
    void close() {
        store.close();
        storeLog.detachAppender(warnings);
    }

    @Test
    void aFailedReadIsRetriedFromTheFirstRecordNotAppliedAndTheStoreFollowsAgain() {
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        consumer.updateEndOffsets(Map.of(PARTITION, 1L));
        add(0, new RegistryEvent.ModeSet("first", "READONLY"));
        store.catchUp();
        assertThat(store.state().mode("first")).contains("READONLY");

        failuresToCome.set(2);
        add(1, new RegistryEvent.ModeSet("second", "IMPORT"));
        await().atMost(Duration.ofSeconds(5)).until(() -> !store.following());

        await().atMost(Duration.ofSeconds(10)).until(store::following);
        assertThat(failureWarnings())
                .containsExactly("Reader of topic _schemas failed after offset 0; it reads again"
                        + " in PT1S (then every PT30S at most), writes wait for it meanwhile");
        assertThat(store.state().mode("second")).contains("IMPORT");
        assertThat(store.state().mode("first")).contains("READONLY");
        add(2, new RegistryEvent.ModeSet("third", "READWRITE"));
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(store.state().mode("third")).contains("READWRITE"));
    }

    @Test
    void aReaderFailingBeforeItsFirstRecordSaysSoAndThenReadsFromTheStart() {
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        consumer.updateEndOffsets(Map.of(PARTITION, 1L));
        add(0, new RegistryEvent.ModeSet("first", "READONLY"));
        failuresToCome.set(1);

        store.catchUp();

        assertThat(failureWarnings())
                .singleElement()
                .asString()
                .startsWith("Reader of topic _schemas failed before its first record; it reads again in PT1S");
        assertThat(store.state().mode("first")).contains("READONLY");
    }

    private java.util.List<String> failureWarnings() {
        return warnings.list.stream()
                .filter(event -> event.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage)
                .filter(message -> message.contains(" failed "))
                .toList();
    }

    private void add(long offset, RegistryEvent event) {
        StoreCodec.Encoded encoded = codec.encode(event);
        consumer.schedulePollTask(
                () -> consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, encoded.key(), encoded.value())));
    }
}
