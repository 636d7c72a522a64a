package org.zhengce.kit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.util.backoff.FixedBackOff;

/** A handler with a keeper: what it gives up on is kept the keeper's way, never published as it is. */
class ListenerErrorsTests {

    private final List<String> kept = new ArrayList<>();
    private final DefaultErrorHandler handler = ListenerErrors.keepingWith((record, failure) ->
                    kept.add(record.topic() + "@" + record.offset() + " " + ListenerErrors.kind(failure)))
            .handler(new FixedBackOff(0, 1));
    private final ConsumerRecord<String, byte[]> record =
            new ConsumerRecord<>("dept.health.events", 2, 41L, "key", new byte[] {1, 2});

    @Test
    void aPermanentFailureIsKeptAtOnce() {
        boolean settled = handler.handleOne(
                new ListenerExecutionFailedException("listener", new IllegalStateException("a bug")),
                record,
                mock(Consumer.class),
                mock(MessageListenerContainer.class));

        assertThat(settled).isTrue();
        assertThat(kept).containsExactly("dept.health.events@41 permanent");
    }

    @Test
    void aTransientFailureIsRetriedBeforeItIsKept() {
        var databaseDown = new ListenerExecutionFailedException(
                "listener", new DataAccessResourceFailureException("down", new ConnectException("refused")));
        Consumer<?, ?> consumer = mock(Consumer.class);
        MessageListenerContainer container = mock(MessageListenerContainer.class);

        assertThat(handler.handleOne(databaseDown, record, consumer, container)).isFalse();
        assertThat(kept).isEmpty();
        assertThat(handler.handleOne(databaseDown, record, consumer, container)).isTrue();
        assertThat(kept).containsExactly("dept.health.events@41 transient-exhausted");
    }

    @Test
    void aHandlerWithoutLanesNeedsAKeeper() {
        assertThatThrownBy(() -> ListenerErrors.publishingWith(mock()).handler(new FixedBackOff(0, 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("keepingWith");
    }
}
