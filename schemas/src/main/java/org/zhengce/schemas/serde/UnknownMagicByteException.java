package org.zhengce.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/** The payload does not start with the Confluent magic byte 0, so it is not in the wire format. */
public class UnknownMagicByteException extends SerializationException {

    private static final long serialVersionUID = 1L;

    private final byte magicByte;

    public UnknownMagicByteException(byte magicByte) {
        super(String.format(
                "unknown magic byte 0x%02x: Confluent wire format starts with 0x00 (not an Avro payload from a"
                        + " schema-registry serializer)",
                magicByte));
        this.magicByte = magicByte;
    }

    public byte magicByte() {
        return magicByte;
    }
}
