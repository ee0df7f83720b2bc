package dev.interdict.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent wire format: magic byte {@code 0}, the schema id as a 4-byte big-endian int, then the Avro binary
 * encoding of the record.
 */
public final class ConfluentWireFormat {
    public static final byte MAGIC = 0;
    public static final int HEADER_SIZE = 5;

    private ConfluentWireFormat() {
    }

    public static void writeHeader(byte[] target, int schemaId) {
        target[0] = MAGIC;
        target[1] = (byte) (schemaId >>> 24);
        target[2] = (byte) (schemaId >>> 16);
        target[3] = (byte) (schemaId >>> 8);
        target[4] = (byte) schemaId;
    }

    /** The schema id of a framed message, after checking the magic byte and length. */
    public static int schemaId(byte[] data) {
        if (data.length < HEADER_SIZE) {
            throw new SerializationException("not Confluent wire format: " + data.length
                    + " bytes, shorter than the 5-byte header (magic byte + schema id)");
        }
        if (data[0] != MAGIC) {
            throw new SerializationException(String.format("not Confluent wire format: unknown magic byte 0x%02x"
                    + " (expected 0x00)", data[0]));
        }
        return ((data[1] & 0xff) << 24) | ((data[2] & 0xff) << 16) | ((data[3] & 0xff) << 8) | (data[4] & 0xff);
    }
}
