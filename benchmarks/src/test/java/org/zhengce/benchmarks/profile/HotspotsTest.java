package org.zhengce.benchmarks.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HotspotsTest {

    @Test
    void aSampleCountsForItsLeafForTheFirstLibraryBelowTheJdkAndForOurFirstFrame() {
        Hotspots hotspots = Hotspots.of(List.of(
                List.of(
                        "java.util.HashMap.get",
                        "org.apache.avro.io.BinaryDecoder.readString",
                        "org.zhengce.schemas.serde.ConfluentAvroDeserializer.deserialize",
                        "org.apache.kafka.clients.consumer.KafkaConsumer.poll"),
                List.of(
                        "org.rocksdb.RocksDB.put",
                        "org.apache.kafka.streams.state.internals.RocksDBStore.put",
                        "org.zhengce.scoring.HouseholdProcessor.process"),
                List.of("org.rocksdb.RocksDB.get", "org.zhengce.scoring.HouseholdProcessor.process"),
                List.of("sun.nio.ch.EPoll.wait", "java.lang.Thread.run")));

        assertThat(hotspots.samples()).isEqualTo(4);
        assertThat(hotspots.byLibrary())
                .containsExactly(
                        entry("RocksDB (JNI)", 2L),
                        entry("Avro", 1L),
                        entry("the JDK alone (threads of the JDK: I/O, HTTP client, GC helpers)", 1L));
        assertThat(hotspots.byOurFrame())
                .containsExactly(
                        entry("scoring.HouseholdProcessor.process", 2L),
                        entry("schemas.serde.ConfluentAvroDeserializer.deserialize", 1L));
        assertThat(hotspots.byLeaf()).containsEntry("org.rocksdb.RocksDB.put", 1L);
        assertThat(ProfileTable.shares(hotspots.byLibrary(), 2, hotspots.samples()))
                .isEqualTo("RocksDB (JNI) 50.0%<br>Avro 25.0%");
    }

    @Test
    void aRealRecordingIsReadAndItsBusyMethodIsFound(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("busy.jfr");
        try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
            recording.start();
            long until = System.nanoTime() + 1_500_000_000L;
            long sink = 0;
            while (System.nanoTime() < until) {
                sink += busy();
            }
            recording.stop();
            recording.dump(file);
            assertThat(sink).isNotZero();
        }

        Hotspots hotspots = Hotspots.of(file);

        assertThat(hotspots.samples()).isPositive();
        assertThat(hotspots.byOurFrame()).containsKey("benchmarks.profile.HotspotsTest.busy");
    }

    private static long busy() {
        long sum = 0;
        for (int i = 0; i < 10_000; i++) {
            sum += ThreadLocalRandom.current().nextInt(1, 3);
        }
        return sum;
    }

    @Test
    void aCaseNameBecomesAFileName() {
        assertThat(Profiled.fileNameOf("scoring throughput (ours / minimal EOS)"))
                .isEqualTo("scoring-throughput-ours-minimal-eos.jfr");
    }
}
