/**
 * Kafka serializer, deserializer and serde for Avro in the Confluent wire format: magic byte 0, the
 * 4-byte big-endian schema id, then the Avro binary encoding of the value. Bad payloads raise
 * specific {@link org.apache.kafka.common.errors.SerializationException}s so error handlers can
 * dead-letter them.
 */
@NullMarked
package org.zhengce.schemas.serde;

import org.jspecify.annotations.NullMarked;
