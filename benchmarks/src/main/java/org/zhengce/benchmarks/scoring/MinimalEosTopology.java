package org.zhengce.benchmarks.scoring;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Scoring's ceiling: the least a Kafka Streams application with scoring's exactly-once settings can do per record,
 * the shape of the count case of Kafka Streams' own {@code SimpleBenchmark}. Each input record, read as bytes, updates
 * a per-key count in a RocksDB key-value store (changelogged, cached as the streams settings say), and each count that
 * leaves the cache is written, 8 bytes, to a small output topic. No deserialisation, no model, no repartition.
 */
final class MinimalEosTopology {

    /** The store's name: its changelog is {@code <application id>-minimal-counts-changelog}. */
    static final String STORE = "minimal-counts";

    private MinimalEosTopology() {}

    /** Source {@code input} → count per key in {@value #STORE} → sink {@code output}. */
    static Topology build(String input, String output) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .groupByKey(Grouped.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .count(Materialized.<byte[], Long, KeyValueStore<Bytes, byte[]>>as(STORE)
                        .withKeySerde(Serdes.ByteArray())
                        .withValueSerde(Serdes.Long()))
                .toStream()
                .to(output, Produced.with(Serdes.ByteArray(), Serdes.Long()));
        return builder.build();
    }
}
