package org.zhengce.scoring.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;
import org.zhengce.events.ModelFormat;
import org.zhengce.events.ModelRole;
import org.zhengce.events.ScoringModelPublished;
import org.zhengce.scoring.model.ScoringModel;

/** The topology's selection is held: the global store is read again only when it changed or an activation is due. */
class ModelSelectionTest {

    private static final Instant NOW = Instant.parse("2026-11-25T02:00:00Z");

    private final ModelSelection selection = new ModelSelection(ScoringModel.defaultModel());
    private final CountingStore store = new CountingStore();

    private static ScoringModelPublished published(String version, Instant activatedAt) {
        String yaml = ScoringModel.defaultModel().yaml().replace("version: wuchang-2026.1", "version: " + version);
        return ScoringModelPublished.newBuilder()
                .setModelVersion(version)
                .setFormat(ModelFormat.YAML)
                .setModel(yaml)
                .setActivatedAt(activatedAt)
                .setRole(ModelRole.ACTIVE)
                .build();
    }

    @Test
    void theStoreIsReadOnceWhileNothingChanges() {
        store.models.put("wuchang-2026.2", published("wuchang-2026.2", NOW.minusSeconds(60)));

        for (int record = 0; record < 1000; record++) {
            assertThat(selection.select(store, NOW.plusMillis(record)).active().version())
                    .isEqualTo("wuchang-2026.2");
        }

        assertThat(store.reads).isEqualTo(1);
    }

    @Test
    void aChangeOfTheStoreIsSeenAtTheNextRecord() {
        assertThat(selection.select(store, NOW).active().version()).isEqualTo("wuchang-2026.1");

        store.models.put("wuchang-2026.3", published("wuchang-2026.3", NOW.minusSeconds(1)));
        assertThat(selection.select(store, NOW.plusMillis(1)).active().version())
                .as("not told yet: the held selection")
                .isEqualTo("wuchang-2026.1");
        selection.changed();

        assertThat(selection.select(store, NOW.plusMillis(2)).active().version())
                .isEqualTo("wuchang-2026.3");
        assertThat(store.reads).isEqualTo(2);
    }

    @Test
    void aVersionPublishedForLaterBecomesActiveAtItsTimeWithoutAChange() {
        store.models.put("wuchang-2026.4", published("wuchang-2026.4", NOW.plusSeconds(60)));

        assertThat(selection.select(store, NOW).active().version()).isEqualTo("wuchang-2026.1");
        assertThat(selection.select(store, NOW.plusSeconds(59)).active().version())
                .isEqualTo("wuchang-2026.1");
        assertThat(selection.select(store, NOW.plusSeconds(60)).active().version())
                .isEqualTo("wuchang-2026.4");
        assertThat(store.reads).isEqualTo(2);
    }

    /** A read-only store of published models that counts its full reads. */
    private static final class CountingStore implements ReadOnlyKeyValueStore<String, ScoringModelPublished> {
        final Map<String, ScoringModelPublished> models = new TreeMap<>();
        int reads;

        @Override
        public ScoringModelPublished get(String key) {
            return models.get(key);
        }

        @Override
        public KeyValueIterator<String, ScoringModelPublished> range(String from, String to) {
            throw new UnsupportedOperationException();
        }

        @Override
        public KeyValueIterator<String, ScoringModelPublished> all() {
            reads++;
            Iterator<Map.Entry<String, ScoringModelPublished>> entries =
                    models.entrySet().iterator();
            return new KeyValueIterator<>() {
                @Override
                public void close() {}

                @Override
                public String peekNextKey() {
                    throw new UnsupportedOperationException();
                }

                @Override
                public boolean hasNext() {
                    return entries.hasNext();
                }

                @Override
                public KeyValue<String, ScoringModelPublished> next() {
                    Map.Entry<String, ScoringModelPublished> entry = entries.next();
                    return KeyValue.pair(entry.getKey(), entry.getValue());
                }
            };
        }

        @Override
        public long approximateNumEntries() {
            return models.size();
        }
    }
}
