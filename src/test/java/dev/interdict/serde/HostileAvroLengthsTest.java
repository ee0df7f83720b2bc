package dev.interdict.serde;

import dev.interdict.avro.PurchaseOrder;
import dev.interdict.avro.RestrictedEntity;
import dev.interdict.contract.AvroMapping;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Records of a few dozen bytes whose lengths claim gigabytes: each must be a {@link SerializationException} (a dead
 * letter), never an {@link OutOfMemoryError} that stops the application (and stops it again on the same record after
 * a restart). Before {@link BoundedDecoder}, Avro allocated what the length claimed.
 */
class HostileAvroLengthsTest {
    static final long HUGE = 2_000_000_000L;
    final String scope = "hostile-" + UUID.randomUUID();
    final Map<String, Object> config = Map.of("schema.registry.url", "mock://" + scope);

    @AfterEach
    void drop() {
        MockSchemaRegistryClient.dropScope(scope);
    }

    interface Body {
        void write(BinaryEncoder e) throws IOException;
    }

    byte[] message(Schema schema, Body body) throws IOException {
        int id = MockSchemaRegistryClient.forScope(scope).register("t-value", schema);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder e = EncoderFactory.get().binaryEncoder(out, null);
        body.write(e);
        e.flush();
        return out.toByteArray();
    }

    /** A purchase order up to its supplier, whose name then claims {@link #HUGE} bytes and has none. */
    byte[] orderWithHugeSupplierName() throws IOException {
        return message(PurchaseOrder.getClassSchema(), e -> {
            e.writeString("po-1");
            e.writeString("4500");
            e.writeLong(Instant.parse("2024-07-21T00:00:00Z").toEpochMilli());
            e.writeIndex(0); // buyer.id null
            e.writeString("Acme");
            e.writeIndex(0); // buyer.country null
            e.writeIndex(0); // supplier.id null
            e.writeLong(HUGE); // supplier.name: the length only
        });
    }

    /** A purchase order whose lines array claims {@link #HUGE} items. */
    byte[] orderWithHugeLinesCount() throws IOException {
        return message(PurchaseOrder.getClassSchema(), e -> {
            e.writeString("po-1");
            e.writeString("4500");
            e.writeLong(Instant.parse("2024-07-21T00:00:00Z").toEpochMilli());
            e.writeIndex(0);
            e.writeString("Acme");
            e.writeIndex(0);
            e.writeIndex(0);
            e.writeString("Kaspersky Lab");
            e.writeIndex(0);
            e.writeLong(HUGE); // lines: a block count
        });
    }

    static void assertRefusedAsCorrupt(Deserializer<?> de, byte[] message) {
        SerializationException e = assertThrows(SerializationException.class, () -> de.deserialize("t", message));
        assertTrue(e.getMessage().contains("corrupt or hostile"), e.getMessage());
    }

    @Test
    void stringLengthClaimingGigabytesIsADeadLetterNotAnOutOfMemoryErrorInTheFullAndTheProjectedReader()
            throws IOException {
        byte[] m = orderWithHugeSupplierName();
        assertTrue(m.length < 64, "a small record: " + m.length);
        ConfluentAvroDeserializer<PurchaseOrder> full = new ConfluentAvroDeserializer<>(PurchaseOrder.class);
        full.configure(config, false);
        assertRefusedAsCorrupt(full, m);
        assertRefusedAsCorrupt(full.projection(AvroMapping.PURCHASE_ORDER_SCREENED), m);
    }

    @Test
    void arrayCountClaimingGigabytesOfItemsIsADeadLetterNotAnOutOfMemoryError() throws IOException {
        byte[] m = orderWithHugeLinesCount();
        ConfluentAvroDeserializer<PurchaseOrder> full = new ConfluentAvroDeserializer<>(PurchaseOrder.class);
        full.configure(config, false);
        assertRefusedAsCorrupt(full, m);
        assertRefusedAsCorrupt(full.projection(AvroMapping.PURCHASE_ORDER_SCREENED), m);
    }

    @Test
    void tenByteListRecordClaimingAHugeEntityIdIsADeadLetter() throws IOException {
        byte[] m = message(RestrictedEntity.getClassSchema(), e -> e.writeLong(HUGE));
        assertEquals(10, m.length);
        ConfluentAvroDeserializer<RestrictedEntity> de = new ConfluentAvroDeserializer<>(RestrictedEntity.class);
        de.configure(config, false);
        assertRefusedAsCorrupt(de, m);
    }

    @Test
    void lengthsWithinTheRecordStillReadAsBefore() {
        byte[] good = AvroSerdes.forClass(PurchaseOrder.class, config).serializer()
                .serialize("t", ConfluentAvroSerdeTest.order());
        PurchaseOrder read = AvroSerdes.forClass(PurchaseOrder.class, config).deserializer().deserialize("t", good);
        assertEquals(ConfluentAvroSerdeTest.order(), read);
        assertEquals("Kaspersky Lab, Inc.", AvroMapping.purchaseOrderEvent(new ConfluentAvroDeserializer<>(
                PurchaseOrder.class, MockSchemaRegistryClient.forScope(scope))
                .projection(AvroMapping.PURCHASE_ORDER_SCREENED).deserialize("t", good)).names().get(0).value());
    }
}
