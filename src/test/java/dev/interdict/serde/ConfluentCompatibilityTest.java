package dev.interdict.serde;

import dev.interdict.avro.Alert;
import dev.interdict.avro.Decision;
import dev.interdict.avro.PurchaseOrder;
import dev.interdict.testutil.FakeRegistry;
import dev.interdict.testutil.FakeRegistry.Ref;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Interdict's serde against a registry that behaves as Confluent's ({@link FakeRegistry}), used as an ERP team does:
 * schemas registered from the {@code .avsc} files (with references or inlined), {@code auto.register.schemas=false},
 * Confluent's subject name strategies and settings. (The fake itself is checked by {@code RegistryConformanceTest}.)
 */
class ConfluentCompatibilityTest {
    FakeRegistry registry;

    @BeforeEach
    void start() throws Exception {
        registry = new FakeRegistry();
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    Map<String, Object> config(String... kv) {
        Map<String, Object> c = new HashMap<>();
        c.put("schema.registry.url", registry.url());
        for (int i = 0; i < kv.length; i += 2) {
            c.put(kv[i], kv[i + 1]);
        }
        return c;
    }

    static int schemaId(byte[] bytes) {
        return ByteBuffer.wrap(bytes, 1, 4).getInt();
    }

    /** What a Confluent-compatible producer writes: magic byte, the id it was given, Avro binary. */
    static byte[] confluentBytes(int id, org.apache.avro.specific.SpecificRecord record) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
        new org.apache.avro.specific.SpecificDatumWriter<Object>(record.getSchema()).write(record, enc);
        enc.flush();
        return out.toByteArray();
    }

    static Decision decision() {
        Alert alert = Alert.newBuilder().setAlertId("a-1").setEventId("po-1").setEventType("purchase_order")
                .setEventTime(Instant.parse("2024-07-21T14:03:00Z")).setEntityId("e-1").setEntityName("Kaspersky Lab")
                .setMatchedField("supplier.name").setMatchedValue("Kaspersky Lab, Inc.").setMatchedName("Kaspersky Lab")
                .setScore(0.97).setActivity(dev.interdict.avro.Activity.ANY)
                .setEffectiveFrom(Instant.parse("2024-07-20T00:00:00Z")).setSource("BIS Entity List")
                .setCitation("89 FR 52434").setVerdict(dev.interdict.avro.Verdict.VIOLATION).build();
        return Decision.newBuilder().setEventId("po-1").setEventType("purchase_order")
                .setEventTime(Instant.parse("2024-07-21T14:03:00Z")).setVerdict(dev.interdict.avro.Verdict.VIOLATION)
                .setAlerts(List.of(alert)).build();
    }

    @Test
    void eventWrittenWithASchemaThatReferencesPartyIsReadNotDeadLettered() throws Exception {
        registry.preload("dev.interdict.avro.Party", Avsc.text("Party"));
        int id = registry.preload("interdict.purchase-orders-value", Avsc.text("PurchaseOrder"),
                List.of(new Ref("dev.interdict.avro.Party", "dev.interdict.avro.Party", 1)));
        PurchaseOrder po = ConfluentAvroSerdeTest.order();
        PurchaseOrder read = AvroSerdes.forClass(PurchaseOrder.class, config()).deserializer()
                .deserialize("interdict.purchase-orders", confluentBytes(id, po));
        assertEquals(po, read);
    }

    @Test
    void aChainOfReferencesIsResolvedRecursivelyBySubjectAndVersionAndCached() throws Exception {
        // Decision -> Alert -> Activity, Verdict; Decision -> Verdict too (a diamond in the chain)
        registry.preload("dev.interdict.avro.Activity", Avsc.text("Activity"));
        registry.preload("dev.interdict.avro.Verdict", Avsc.text("Verdict"));
        registry.preload("dev.interdict.avro.Alert", Avsc.text("Alert"), List.of(
                new Ref("dev.interdict.avro.Activity", "dev.interdict.avro.Activity", 1),
                new Ref("dev.interdict.avro.Verdict", "dev.interdict.avro.Verdict", 1)));
        List<Ref> refs = List.of(new Ref("dev.interdict.avro.Verdict", "dev.interdict.avro.Verdict", 1),
                new Ref("dev.interdict.avro.Alert", "dev.interdict.avro.Alert", 1));
        int id = registry.preload("interdict.decisions-value", Avsc.text("Decision"), refs);
        var de = AvroSerdes.forClass(Decision.class, config()).deserializer();
        assertEquals(decision(), de.deserialize("interdict.decisions", confluentBytes(id, decision())));
        assertEquals(decision(), de.deserialize("interdict.decisions", confluentBytes(id, decision())));
        long referenceReads = registry.requests.stream().filter(r -> r.path().contains("/versions/")).count();
        assertEquals(3, referenceReads, "each referenced subject version read once: " + registry.requests);
    }

    @Test
    void autoRegisterFalseFindsTheAvscRegisteredByHandWithoutTheGeneratedJavaProperties() {
        int id = registry.preload("interdict.purchase-orders-value", Avsc.inlined("Party", "PurchaseOrder"));
        Serializer<PurchaseOrder> ser = AvroSerdes.forClass(PurchaseOrder.class,
                config("auto.register.schemas", "false")).serializer();
        byte[] bytes = ser.serialize("interdict.purchase-orders", ConfluentAvroSerdeTest.order());
        assertEquals(id, schemaId(bytes));
        assertEquals(List.of(id), registry.versions("interdict.purchase-orders-value"));
    }

    @Test
    void autoRegisterWithTheAvscAlreadyRegisteredKeepsOneVersionForOneSchema() {
        int id = registry.preload("interdict.decisions-value",
                Avsc.inlined("Activity", "Verdict", "Alert", "Decision"));
        byte[] bytes = AvroSerdes.forClass(Decision.class, config()).serializer()
                .serialize("interdict.decisions", decision());
        assertEquals(id, schemaId(bytes));
        assertEquals(List.of(id), registry.versions("interdict.decisions-value"));
        assertFalse(registry.schemaText(id).contains("avro.java.string"));
    }

    @Test
    void withJavaPropertiesKeptTheLookupMissesAsWithConfluentsSerializer() {
        registry.preload("interdict.purchase-orders-value", Avsc.inlined("Party", "PurchaseOrder"));
        Serializer<PurchaseOrder> ser = AvroSerdes.forClass(PurchaseOrder.class, config("auto.register.schemas",
                "false", "avro.remove.java.properties", "false")).serializer();
        SchemaRejectedException e = assertThrows(SchemaRejectedException.class,
                () -> ser.serialize("interdict.purchase-orders", ConfluentAvroSerdeTest.order()));
        assertTrue(e.getMessage().contains("40403"), e.getMessage());
        assertFalse(SerializationException.class.isInstance(e));
    }

    @Test
    void subjectRegisteredWithReferencesIsWrittenToWithUseLatestVersionAndKeepsOneVersion() throws Exception {
        registry.preload("dev.interdict.avro.Party", Avsc.text("Party"));
        int id = registry.preload("interdict.purchase-orders-value", Avsc.text("PurchaseOrder"),
                List.of(new Ref("dev.interdict.avro.Party", "dev.interdict.avro.Party", 1)));
        Map<String, Object> cfg = config("auto.register.schemas", "false", "use.latest.version", "true");
        byte[] bytes = AvroSerdes.forClass(PurchaseOrder.class, cfg).serializer()
                .serialize("interdict.purchase-orders", ConfluentAvroSerdeTest.order());
        assertEquals(id, schemaId(bytes));
        assertEquals(ConfluentAvroSerdeTest.order(), AvroSerdes.forClass(PurchaseOrder.class, cfg).deserializer()
                .deserialize("interdict.purchase-orders", bytes));
        assertEquals(List.of(id), registry.versions("interdict.purchase-orders-value"));
    }

    @Test
    void normalizeSchemasAsksTheRegistryToNormaliseOnRegisterAndLookup() {
        AvroSerdes.forClass(PurchaseOrder.class, config("normalize.schemas", "true")).serializer()
                .serialize("n", ConfluentAvroSerdeTest.order());
        AvroSerdes.forClass(Decision.class, config("normalize.schemas", "true", "auto.register.schemas", "false"))
                .serializer();
        registry.preload("d-value", Avsc.inlined("Activity", "Verdict", "Alert", "Decision"));
        AvroSerdes.forClass(Decision.class, config("normalize.schemas", "true", "auto.register.schemas", "false"))
                .serializer().serialize("d", decision());
        assertEquals("normalize=true", registry.requests.get(0).query());
        assertEquals("/subjects/n-value/versions", registry.requests.get(0).path());
        assertEquals("normalize=true", registry.requests.get(1).query());
        assertEquals("/subjects/d-value", registry.requests.get(1).path());
    }

    @Test
    void confluentSubjectNameStrategiesByTheirConfluentClassNames() {
        PurchaseOrder po = ConfluentAvroSerdeTest.order();
        AvroSerdes.forClass(PurchaseOrder.class, config("value.subject.name.strategy",
                "io.confluent.kafka.serializers.subject.RecordNameStrategy")).serializer().serialize("t1", po);
        AvroSerdes.forClass(PurchaseOrder.class, config("value.subject.name.strategy",
                "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy")).serializer().serialize("t2", po);
        AvroSerdes.forClass(PurchaseOrder.class, config("value.subject.name.strategy",
                "io.confluent.kafka.serializers.subject.TopicNameStrategy")).serializer().serialize("t3", po);
        var key = new ConfluentAvroSerializer<>(PurchaseOrder.class);
        key.configure(config("key.subject.name.strategy", "io.confluent.kafka.serializers.subject.RecordNameStrategy",
                "value.subject.name.strategy", "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy"), true);
        key.serialize("t4", po);
        assertEquals(List.of("/subjects/dev.interdict.avro.PurchaseOrder/versions",
                        "/subjects/t2-dev.interdict.avro.PurchaseOrder/versions", "/subjects/t3-value/versions",
                        "/subjects/dev.interdict.avro.PurchaseOrder/versions"),
                registry.requests.stream().map(FakeRegistry.Request::path).toList());
        assertEquals(1, registry.versions("dev.interdict.avro.PurchaseOrder").size());
        ConfigException bad = assertThrows(ConfigException.class, () -> AvroSerdes.forClass(PurchaseOrder.class,
                config("value.subject.name.strategy", "com.example.MyStrategy")));
        assertTrue(bad.getMessage().contains("RecordNameStrategy"), bad.getMessage());
    }

    @Test
    void aResultWhoseSubjectIsNotRegisteredIsAConfigurationFaultNotABadRecord() {
        Serializer<Decision> ser = AvroSerdes.forClass(Decision.class, config("auto.register.schemas", "false"))
                .serializer();
        SchemaRejectedException e = assertThrows(SchemaRejectedException.class,
                () -> ser.serialize("interdict.decisions", decision()));
        assertTrue(e.getMessage().contains("40401"), e.getMessage());
        assertEquals("interdict.decisions-value", e.subject());
        assertFalse(dev.interdict.app.RegistryFailures.unavailable(e), "not an outage to wait for");
    }
}
