package dev.interdict.serde;

import dev.interdict.avro.Party;
import dev.interdict.avro.PurchaseOrder;
import dev.interdict.avro.PurchaseOrderLine;
import dev.interdict.testutil.EvolvedSchema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfluentAvroSerdeTest {
    final String scope = "serde-" + UUID.randomUUID();
    final Map<String, Object> config = Map.of("schema.registry.url", "mock://" + scope);

    @AfterEach
    void drop() {
        MockSchemaRegistryClient.dropScope(scope);
    }

    static PurchaseOrder order() {
        return PurchaseOrder.newBuilder().setEventId("po-1").setPoNumber("4500012345")
                .setOrderedAt(Instant.parse("2024-07-21T14:03:00Z"))
                .setBuyer(Party.newBuilder().setId("1000").setName("Acme Corp US").build())
                .setSupplier(Party.newBuilder().setName("Kaspersky Lab, Inc.").setCountry("US").build())
                .setLines(List.of(PurchaseOrderLine.newBuilder().setLineNumber(1).setDescription("Endpoint Security")
                        .setManufacturer("Kaspersky").setQuantity("1").setUnitPrice("4100.00").build()))
                .setCurrency("USD").build();
    }

    static byte[] avro(PurchaseOrder po) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(PurchaseOrder.class).write(po, enc);
        enc.flush();
        return out.toByteArray();
    }

    @Test
    void serializedBytesAreExactlyMagicByteSchemaIdAndAvroBinary() throws Exception {
        Serde<PurchaseOrder> serde = AvroSerdes.forClass(PurchaseOrder.class, config);
        byte[] actual = serde.serializer().serialize("interdict.purchase-orders", order());
        int id = MockSchemaRegistryClient.forScope(scope).getLatest("interdict.purchase-orders-value").id();
        byte[] body = avro(order());
        byte[] expected = ByteBuffer.allocate(5 + body.length).put((byte) 0).putInt(id).put(body).array();
        assertArrayEquals(expected, actual);
        assertEquals(order(), serde.deserializer().deserialize("interdict.purchase-orders", expected));
    }

    @Test
    void confluentEncodedMessageFromAnotherProducerRoundTripsByteForByte() throws Exception {
        // a message as Confluent's serializer writes it: schema registered by someone else under id 7
        MockSchemaRegistryClient registry = MockSchemaRegistryClient.forScope(scope);
        // (registered from the .avsc: without the generated class's avro.java.string properties)
        int id = registry.register("orders-value", AvroSchemaText.withoutJavaProperties(PurchaseOrder.getClassSchema()));
        byte[] body = avro(order());
        byte[] message = ByteBuffer.allocate(5 + body.length).put((byte) 0).putInt(id).put(body).array();
        Serde<PurchaseOrder> serde = AvroSerdes.forClass(PurchaseOrder.class, config);
        PurchaseOrder read = serde.deserializer().deserialize("orders", message);
        assertArrayEquals(message, serde.serializer().serialize("orders", read));
    }

    @Test
    void recordWrittenWithANewerSchemaWithAnExtraOptionalFieldIsRead() {
        byte[] message = EvolvedSchema.purchaseOrderMessage(order(), scope, "t-value");
        PurchaseOrder read = AvroSerdes.forClass(PurchaseOrder.class, config).deserializer().deserialize("t", message);
        assertEquals(order(), read);
    }

    @Test
    void badBytesFailWithAnExceptionNamingTheProblem() {
        Deserializer<PurchaseOrder> de = AvroSerdes.forClass(PurchaseOrder.class, config).deserializer();
        assertTrue(assertThrows(SerializationException.class, () -> de.deserialize("t", new byte[] {1, 0, 0, 0, 1, 2}))
                .getMessage().contains("magic byte 0x01"));
        assertTrue(assertThrows(SerializationException.class, () -> de.deserialize("t", new byte[] {0, 0}))
                .getMessage().contains("shorter than the 5-byte header"));
        assertTrue(assertThrows(SerializationException.class, () -> de.deserialize("t", new byte[] {0, 0, 0, 9, 9, 2}))
                .getMessage().contains("schema id 2313"));
        byte[] good = AvroSerdes.forClass(PurchaseOrder.class, config).serializer().serialize("t", order());
        byte[] truncated = Arrays.copyOf(good, good.length - 10);
        assertTrue(assertThrows(SerializationException.class, () -> de.deserialize("t", truncated))
                .getMessage().contains("cannot decode PurchaseOrder"));
    }

    @Test
    void unreachableRegistryIsNotASerializationExceptionSoTheRecordIsNotDeadLettered() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        byte[] message = AvroSerdes.forClass(PurchaseOrder.class, config).serializer().serialize("t", order());
        Deserializer<PurchaseOrder> de = AvroSerdes.forClass(PurchaseOrder.class,
                Map.of("schema.registry.url", "http://127.0.0.1:" + closed)).deserializer();
        RuntimeException e = assertThrows(RuntimeException.class, () -> de.deserialize("t", message));
        assertTrue(e instanceof SchemaRegistryException, e.toString());
        assertTrue(dev.interdict.app.RegistryFailures.unavailable(e));
        assertTrue(!dev.interdict.app.RegistryFailures.unavailable(
                assertThrows(SerializationException.class, () -> AvroSerdes.forClass(PurchaseOrder.class, config)
                        .deserializer().deserialize("t", new byte[] {0, 0, 0, 9, 9, 2}))));
    }

    @Test
    void unreachableRegistryWhenWritingIsNotASerializationExceptionSoTheResultIsNotDeadLettered() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Serializer<PurchaseOrder> ser = AvroSerdes.forClass(PurchaseOrder.class,
                Map.of("schema.registry.url", "http://127.0.0.1:" + closed)).serializer();
        RuntimeException e = assertThrows(RuntimeException.class, () -> ser.serialize("t", order()));
        assertTrue(e instanceof SchemaRegistryException, e.toString());
        assertTrue(dev.interdict.app.RegistryFailures.unavailable(e));
    }

    @Test
    void nullIsATombstoneBothWays() {
        Serde<PurchaseOrder> serde = AvroSerdes.forClass(PurchaseOrder.class, config);
        assertNull(serde.serializer().serialize("t", null));
        assertNull(serde.deserializer().deserialize("t", null));
    }

    @Test
    void mockScopesAreSharedWithinAScopeAndSeparateAcrossScopes() {
        assertSame(MockSchemaRegistryClient.forScope(scope), MockSchemaRegistryClient.forScope(scope));
        MockSchemaRegistryClient.forScope(scope).register("a-value", PurchaseOrder.getClassSchema());
        String other = scope + "-other";
        try {
            assertThrows(SchemaRegistryException.class, () -> MockSchemaRegistryClient.forScope(other).getLatest("a-value"));
        } finally {
            MockSchemaRegistryClient.dropScope(other);
        }
    }

    @Test
    void withoutAutoRegisterTheSchemaMustAlreadyBeRegistered() {
        Map<String, Object> noRegister = Map.of("schema.registry.url", "mock://" + scope, "auto.register.schemas", "false");
        Serializer<PurchaseOrder> ser = AvroSerdes.forClass(PurchaseOrder.class, noRegister).serializer();
        assertThrows(SchemaRejectedException.class, () -> ser.serialize("t", order()));
        int id = MockSchemaRegistryClient.forScope(scope).register("t-value",
                AvroSchemaText.withoutJavaProperties(PurchaseOrder.getClassSchema()));
        assertEquals(id, ByteBuffer.wrap(AvroSerdes.forClass(PurchaseOrder.class, noRegister).serializer()
                .serialize("t", order()), 1, 4).getInt());
    }

    @Test
    void useLatestVersionWritesWithTheSubjectsLatestSchemaId() {
        MockSchemaRegistryClient registry = MockSchemaRegistryClient.forScope(scope);
        registry.register("t-value", PurchaseOrder.getClassSchema());
        int latest = registry.register("t-value", EvolvedSchema.of(PurchaseOrder.getClassSchema()));
        Map<String, Object> cfg = Map.of("schema.registry.url", "mock://" + scope, "auto.register.schemas", "false",
                "use.latest.version", "true");
        byte[] bytes = AvroSerdes.forClass(PurchaseOrder.class, cfg).serializer().serialize("t", order());
        assertEquals(latest, ByteBuffer.wrap(bytes, 1, 4).getInt());
        assertEquals(order(), AvroSerdes.forClass(PurchaseOrder.class, cfg).deserializer().deserialize("t", bytes));
    }

    /** Stands for Confluent's SpecificAvroSerde: a Serde with a public no-arg constructor. */
    public static final class PluggedSerde extends Serdes.WrapperSerde<PurchaseOrder> {
        static Map<String, ?> configured;

        public PluggedSerde() {
            super(new ConfluentAvroSerializer<>(PurchaseOrder.class), new ConfluentAvroDeserializer<>(PurchaseOrder.class));
        }

        @Override
        public void configure(Map<String, ?> configs, boolean isKey) {
            configured = configs;
            super.configure(configs, isKey);
        }
    }

    @Test
    void oneConfigLineSwapsInAnotherSerdeClass() {
        Map<String, Object> cfg = Map.of("schema.registry.url", "mock://" + scope,
                "interdict.avro.serde.class", PluggedSerde.class.getName());
        Serde<PurchaseOrder> serde = AvroSerdes.forClass(PurchaseOrder.class, cfg);
        assertTrue(serde instanceof PluggedSerde);
        assertEquals("mock://" + scope, PluggedSerde.configured.get("schema.registry.url"));
        assertThrows(IllegalArgumentException.class, () -> AvroSerdes.forClass(PurchaseOrder.class,
                Map.of("schema.registry.url", "mock://x", "interdict.avro.serde.class", "no.such.Serde")));
    }
}
