package org.zhengce.intake.pipeline;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A record for {@code household.events} as the ledger keeps it until published: key, partition, the value
 * (Confluent wire format) and the CloudEvents headers, encoded as length-prefixed name/value pairs.
 */
record OutgoingRecord(String key, int partition, byte[] value, byte[] headers) {

    static OutgoingRecord of(ProducerRecord<String, byte[]> record) {
        Header[] headers = record.headers().toArray();
        byte[][] names = new byte[headers.length][];
        int size = 0;
        for (int i = 0; i < headers.length; i++) {
            names[i] = headers[i].key().getBytes(StandardCharsets.UTF_8);
            size += 2 + names[i].length + 4 + headers[i].value().length;
        }
        ByteBuffer encoded = ByteBuffer.allocate(size);
        for (int i = 0; i < headers.length; i++) {
            byte[] value = headers[i].value();
            encoded.putShort((short) names[i].length)
                    .put(names[i])
                    .putInt(value.length)
                    .put(value);
        }
        Integer partition = record.partition();
        if (partition == null) {
            throw new IllegalArgumentException("the ledger needs the record's partition");
        }
        return new OutgoingRecord(record.key(), partition, record.value(), encoded.array());
    }

    ProducerRecord<String, byte[]> toProducerRecord(String topic, long timestamp) {
        Headers decoded = new RecordHeaders();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(headers))) {
            while (in.available() > 0) {
                byte[] name = new byte[in.readUnsignedShort()];
                in.readFully(name);
                byte[] value = new byte[in.readInt()];
                in.readFully(value);
                decoded.add(new String(name, StandardCharsets.UTF_8), value);
            }
        } catch (IOException corrupt) {
            throw new UncheckedIOException("ledger record headers are corrupt", corrupt);
        }
        return new ProducerRecord<>(topic, partition, timestamp, key, value, decoded);
    }
}
