package dev.interdict.testutil;

import dev.interdict.avro.PurchaseOrder;
import dev.interdict.avro.RestrictedEntity;
import dev.interdict.serde.MockSchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * Wire-format records of a few dozen bytes, with a valid header and a registered schema id, whose lengths claim
 * gigabytes: what a hostile or broken producer can write. Avro used to allocate what they claim.
 */
public final class HostileAvro {
    public static final long HUGE = 2_000_000_000L;

    private HostileAvro() {
    }

    private interface Body {
        void write(BinaryEncoder e) throws IOException;
    }

    private static byte[] message(String registryScope, String subject, Schema schema, Body body) {
        try {
            int id = MockSchemaRegistryClient.forScope(registryScope).register(subject, schema);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(0);
            out.write(ByteBuffer.allocate(4).putInt(id).array());
            BinaryEncoder e = EncoderFactory.get().binaryEncoder(out, null);
            body.write(e);
            e.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void orderUpToSupplier(BinaryEncoder e) throws IOException {
        e.writeString("po-hostile");
        e.writeString("4500");
        e.writeLong(Instant.parse("2024-07-21T00:00:00Z").toEpochMilli());
        e.writeIndex(0); // buyer.id null
        e.writeString("Acme");
        e.writeIndex(0); // buyer.country null
        e.writeIndex(0); // supplier.id null
    }

    /** A purchase order up to its supplier, whose name then claims {@link #HUGE} bytes and has none. */
    public static byte[] orderWithHugeSupplierName(String registryScope, String subject) {
        return message(registryScope, subject, PurchaseOrder.getClassSchema(), e -> {
            orderUpToSupplier(e);
            e.writeLong(HUGE); // supplier.name: the length only
        });
    }

    /** A purchase order whose lines array claims {@link #HUGE} items. */
    public static byte[] orderWithHugeLinesCount(String registryScope, String subject) {
        return message(registryScope, subject, PurchaseOrder.getClassSchema(), e -> {
            orderUpToSupplier(e);
            e.writeString("Kaspersky Lab");
            e.writeIndex(0); // supplier.country null
            e.writeLong(HUGE); // lines: a block count
        });
    }

    /** A 10-byte list record whose entityId claims {@link #HUGE} bytes. */
    public static byte[] listRecordWithHugeEntityId(String registryScope, String subject) {
        return message(registryScope, subject, RestrictedEntity.getClassSchema(), e -> e.writeLong(HUGE));
    }
}
