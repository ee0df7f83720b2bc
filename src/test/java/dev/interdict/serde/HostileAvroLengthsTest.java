package dev.interdict.serde;

import dev.interdict.avro.PurchaseOrder;
import dev.interdict.avro.RestrictedEntity;
import dev.interdict.contract.AvroMapping;
import dev.interdict.testutil.HostileAvro;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Records of a few dozen bytes whose lengths claim gigabytes ({@link HostileAvro}): each must be a
 * {@link SerializationException} (a dead letter), never an {@link OutOfMemoryError} that stops the application (and
 * stops it again on the same record after a restart). Before {@link BoundedDecoder}, Avro allocated what the length
 * claimed: this test's JVM died of "Java heap space".
 */
class HostileAvroLengthsTest {
    final String scope = "hostile-" + UUID.randomUUID();
    final Map<String, Object> config = Map.of("schema.registry.url", "mock://" + scope);

    @AfterEach
    void drop() {
        MockSchemaRegistryClient.dropScope(scope);
    }

    static void assertRefusedAsCorrupt(Deserializer<?> de, byte[] message) {
        SerializationException e = assertThrows(SerializationException.class, () -> de.deserialize("t", message));
        assertTrue(e.getMessage().contains("corrupt or hostile"), e.getMessage());
    }

    ConfluentAvroDeserializer<PurchaseOrder> orders() {
        ConfluentAvroDeserializer<PurchaseOrder> de = new ConfluentAvroDeserializer<>(PurchaseOrder.class);
        de.configure(config, false);
        return de;
    }

    @Test
    void stringLengthClaimingGigabytesIsADeadLetterNotAnOutOfMemoryErrorInTheFullAndTheProjectedReader() {
        byte[] m = HostileAvro.orderWithHugeSupplierName(scope, "t-value");
        assertTrue(m.length < 64, "a small record: " + m.length);
        assertRefusedAsCorrupt(orders(), m);
        assertRefusedAsCorrupt(orders().projection(AvroMapping.PURCHASE_ORDER_SCREENED), m);
    }

    @Test
    void arrayCountClaimingGigabytesOfItemsIsADeadLetterNotAnOutOfMemoryError() {
        byte[] m = HostileAvro.orderWithHugeLinesCount(scope, "t-value");
        assertRefusedAsCorrupt(orders(), m);
        assertRefusedAsCorrupt(orders().projection(AvroMapping.PURCHASE_ORDER_SCREENED), m);
    }

    @Test
    void tenByteListRecordClaimingAHugeEntityIdIsADeadLetter() {
        byte[] m = HostileAvro.listRecordWithHugeEntityId(scope, "t-value");
        assertEquals(10, m.length);
        ConfluentAvroDeserializer<RestrictedEntity> de = new ConfluentAvroDeserializer<>(RestrictedEntity.class);
        de.configure(config, false);
        assertRefusedAsCorrupt(de, m);
    }

    @Test
    void lengthsWithinTheRecordStillReadAsBefore() {
        byte[] good = AvroSerdes.forClass(PurchaseOrder.class, config).serializer()
                .serialize("t", ConfluentAvroSerdeTest.order());
        assertEquals(ConfluentAvroSerdeTest.order(), orders().deserialize("t", good));
        assertEquals("Kaspersky Lab, Inc.", AvroMapping.purchaseOrderEvent(
                orders().projection(AvroMapping.PURCHASE_ORDER_SCREENED).deserialize("t", good)).names().get(0).value());
    }
}
