package dev.interdict.topology;

import dev.interdict.avro.LicenseRenewal;
import dev.interdict.avro.Party;
import dev.interdict.avro.Product;
import dev.interdict.avro.PurchaseOrder;
import dev.interdict.avro.PurchaseOrderLine;
import dev.interdict.contract.AvroMapping;
import dev.interdict.screening.ScreeningEvent;
import dev.interdict.serde.AvroSerdes;
import dev.interdict.serde.MockSchemaRegistryClient;
import dev.interdict.testutil.EvolvedSchema;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventDeserializerTest {
    final String scope = "events-" + UUID.randomUUID();
    final Map<String, Object> config = Map.of("schema.registry.url", "mock://" + scope);

    @AfterEach
    void drop() {
        MockSchemaRegistryClient.dropScope(scope);
    }

    static List<PurchaseOrder> orders() {
        Instant t = Instant.parse("2024-07-21T14:03:00Z");
        PurchaseOrderLine kaspersky = PurchaseOrderLine.newBuilder().setLineNumber(1).setDescription("Endpoint Security")
                .setManufacturer("Kaspersky").setQuantity("1").setUnitPrice("4100.00").build();
        PurchaseOrderLine noMaker = PurchaseOrderLine.newBuilder().setLineNumber(2).setDescription("Cables")
                .setManufacturer(null).setQuantity("3").setUnitPrice("1.00").build();
        PurchaseOrderLine kaspersky3 = PurchaseOrderLine.newBuilder(kaspersky).setLineNumber(3).setManufacturer("AO Kaspersky Lab").build();
        return List.of(
                PurchaseOrder.newBuilder().setEventId("po-1").setPoNumber("1").setOrderedAt(t)
                        .setBuyer(Party.newBuilder().setId("1000").setName("Acme Corp US").build())
                        .setSupplier(Party.newBuilder().setName("Kaspersky Lab, Inc.").setCountry("US").build())
                        .setLines(List.of(kaspersky, noMaker, kaspersky3)).setCurrency("USD").setSourceSystem("SAP").build(),
                PurchaseOrder.newBuilder().setEventId("po-2 Ünïcödé").setPoNumber("2").setOrderedAt(t.plusMillis(1))
                        .setBuyer(Party.newBuilder().setName("Acme").build())
                        .setSupplier(Party.newBuilder().setName("ООО Касперский").build())
                        .setLines(List.of()).setCurrency("EUR").build());
    }

    static List<LicenseRenewal> renewals() {
        LocalDate start = LocalDate.of(2024, 10, 1);
        LicenseRenewal withPublisher = LicenseRenewal.newBuilder().setEventId("lr-1").setLicenseId("L1")
                .setRenewedAt(Instant.parse("2024-09-30T00:00:00Z"))
                .setVendor(Party.newBuilder().setName("SoftReseller GmbH").build())
                .setProduct(Product.newBuilder().setName("Kaspersky Endpoint Security").setPublisher("Kaspersky").build())
                .setTermStart(start).setTermEnd(start.plusYears(1)).setSeats(10).setAmount("100.00").setCurrency("USD")
                .build();
        LicenseRenewal noPublisher = LicenseRenewal.newBuilder(withPublisher).setEventId("lr-2")
                .setProduct(Product.newBuilder().setName("Antivirus Suite").setPublisher(null).build()).build();
        return List.of(withPublisher, noPublisher);
    }

    @Test
    void readingOnlyTheScreenedFieldsGivesTheEventOfTheWholeRecord() {
        Serde<PurchaseOrder> po = AvroSerdes.forClass(PurchaseOrder.class, config);
        Serde<LicenseRenewal> lr = AvroSerdes.forClass(LicenseRenewal.class, config);
        EventDeserializer orders = EventDeserializer.purchaseOrders(po.deserializer());
        EventDeserializer renewals = EventDeserializer.licenseRenewals(lr.deserializer());
        for (PurchaseOrder o : orders()) {
            byte[] bytes = po.serializer().serialize("t.po", o);
            assertEquals(AvroMapping.toScreeningEvent(o), orders.deserialize("t.po", bytes));
        }
        for (LicenseRenewal r : renewals()) {
            byte[] bytes = lr.serializer().serialize("t.lr", r);
            assertEquals(AvroMapping.toScreeningEvent(r), renewals.deserialize("t.lr", bytes));
        }
        assertNull(orders.deserialize("t.po", null), "a tombstone is null, for the screen processor to dead-letter");
    }

    @Test
    void anotherConfiguredDeserializerIsReadWholeAndMapped() {
        Serde<PurchaseOrder> po = AvroSerdes.forClass(PurchaseOrder.class, config);
        Deserializer<PurchaseOrder> foreign = (topic, data) -> po.deserializer().deserialize(topic, data); // not ours
        PurchaseOrder o = orders().get(0);
        ScreeningEvent e = EventDeserializer.purchaseOrders(foreign).deserialize("t.po", po.serializer().serialize("t.po", o));
        assertEquals(AvroMapping.toScreeningEvent(o), e);
    }

    @Test
    void recordWrittenWithANewerSchemaIsReadThroughTheProjection() {
        PurchaseOrder o = orders().get(0);
        byte[] message = EvolvedSchema.purchaseOrderMessage(o, scope, "t.po-value");
        EventDeserializer orders = EventDeserializer.purchaseOrders(
                AvroSerdes.forClass(PurchaseOrder.class, config).deserializer());
        assertEquals(AvroMapping.toScreeningEvent(o), orders.deserialize("t.po", message));
    }

    @Test
    void badBytesFailAsTheyDoForTheWholeRecord() {
        Serde<PurchaseOrder> po = AvroSerdes.forClass(PurchaseOrder.class, config);
        EventDeserializer orders = EventDeserializer.purchaseOrders(po.deserializer());
        byte[] good = po.serializer().serialize("t.po", orders().get(0));
        assertTrue(assertThrows(SerializationException.class, () -> orders.deserialize("t.po", Arrays.copyOf(good, good.length - 10)))
                .getMessage().contains("cannot decode PurchaseOrder"));
        byte[] trailing = Arrays.copyOf(good, good.length + 1);
        assertTrue(assertThrows(SerializationException.class, () -> orders.deserialize("t.po", trailing))
                .getMessage().contains("trailing bytes"));
        assertTrue(assertThrows(SerializationException.class, () -> orders.deserialize("t.po", new byte[] {1, 0, 0, 0, 1, 2}))
                .getMessage().contains("magic byte 0x01"));
    }
}
