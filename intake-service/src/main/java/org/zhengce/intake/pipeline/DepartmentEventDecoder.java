package org.zhengce.intake.pipeline;

import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.intake.identity.ResidentIdentityNumber;
import org.zhengce.intake.reading.EventTypes;
import org.zhengce.intake.reading.ReadEvent;
import org.zhengce.intake.validation.ValidationRule;
import org.zhengce.intake.validation.Violation;
import org.zhengce.schemas.registry.SchemaRegistryUnavailableException;
import org.zhengce.schemas.serde.ConfluentAvroDeserializer;

/**
 * Reads a department topic's record value (Confluent Avro wire format) as a {@link ReadEvent}: bytes that are not a
 * {@code DepartmentEvent} become one {@link ValidationRule#UNDECODABLE} violation naming why, never an exception. An
 * unreachable registry is not the record's fault: {@link SchemaRegistryUnavailableException} is thrown, so the
 * record is retried rather than rejected.
 */
public final class DepartmentEventDecoder {

    private static final int MAX_REASON = 200;

    private final ConfluentAvroDeserializer<DepartmentEvent> deserializer;

    DepartmentEventDecoder(ConfluentAvroDeserializer<DepartmentEvent> deserializer) {
        this.deserializer = deserializer;
    }

    public ReadEvent decode(byte[] value) {
        DepartmentEvent event;
        try {
            event = deserializer.deserialize("dept.events", value);
        } catch (SchemaRegistryUnavailableException unavailable) {
            throw unavailable;
        } catch (SerializationException | org.apache.avro.AvroRuntimeException | IndexOutOfBoundsException e) {
            return undecodable(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (event == null) {
            return undecodable("empty record value (a tombstone)");
        }
        return new ReadEvent(event.getEventId(), EventTypes.nameOf(event.getFact()), event, List.of());
    }

    private static ReadEvent undecodable(String reason) {
        String masked = ResidentIdentityNumber.maskAllIn(reason);
        return new ReadEvent(
                null,
                null,
                null,
                List.of(new Violation(
                        "",
                        ValidationRule.UNDECODABLE,
                        masked.length() <= MAX_REASON ? masked : masked.substring(0, MAX_REASON) + "…")));
    }
}
