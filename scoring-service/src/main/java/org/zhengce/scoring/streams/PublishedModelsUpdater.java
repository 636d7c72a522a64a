package org.zhengce.scoring.streams;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.zhengce.events.ScoringModelPublished;

/**
 * Keeps the global store of published models ({@value Stores#MODELS}) as a global table would (timestamped values,
 * a null value deletes), and tells the {@link ModelSelection} that it changed, so that the selection is not made again
 * from the store on every record.
 */
final class PublishedModelsUpdater implements Processor<String, ScoringModelPublished, Void, Void> {

    private final ModelSelection selection;
    private TimestampedKeyValueStore<String, ScoringModelPublished> store;

    PublishedModelsUpdater(ModelSelection selection) {
        this.selection = selection;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.store = context.getStateStore(Stores.MODELS);
    }

    @Override
    public void process(Record<String, ScoringModelPublished> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), ValueAndTimestamp.make(record.value(), record.timestamp()));
        }
        selection.changed();
    }
}
