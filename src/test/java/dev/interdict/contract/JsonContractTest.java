package dev.interdict.contract;

import dev.interdict.avro.LicenseRenewal;
import dev.interdict.avro.PurchaseOrder;
import dev.interdict.screening.Activity;
import dev.interdict.screening.RestrictedEntity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonContractTest {
    static final String PO = """
            {"type":"purchase_order","eventId":"po-1001","poNumber":"4500012345",
             "orderedAt":"2024-07-21T14:03:00Z","buyer":{"id":"1000","name":"Acme Corp US"},
             "supplier":{"id":"V-20017","name":"Kaspersky Lab, Inc.","country":"US"},
             "lines":[{"lineNumber":1,"sku":"KL4863AAMTS","description":"Endpoint Security Select, 100 nodes",
                       "manufacturer":"Kaspersky","quantity":1,"unitPrice":"4100.00"}],
             "currency":"USD","sourceSystem":"SAP S/4HANA","somethingNew":42}""".replace("\n", "");
    static final String LR = """
            {"type":"license_renewal","eventId":"lr-77","licenseId":"LIC-9","renewedAt":"2024-09-29T05:00:00Z",
             "vendor":{"id":"V-20017","name":"Kaspersky Lab, Inc.","country":"US"},
             "product":{"name":"Kaspersky Endpoint Security for Business","publisher":"Kaspersky"},
             "termStart":"2024-10-01","termEnd":"2025-09-30","seats":250,"amount":"9800.00","currency":"USD",
             "sourceSystem":"Coupa"}""".replace("\n", "");

    @Test
    void contractExamplePurchaseOrderParsesWithUnknownFieldsIgnored() {
        PurchaseOrder po = assertInstanceOf(PurchaseOrder.class, JsonContract.event(JsonContract.parse(PO)));
        assertEquals(Instant.parse("2024-07-21T14:03:00Z"), po.getOrderedAt());
        assertEquals("Kaspersky", po.getLines().get(0).getManufacturer());
        assertEquals("1", po.getLines().get(0).getQuantity());
        assertEquals("4100.00", po.getLines().get(0).getUnitPrice());
    }

    @Test
    void contractExampleLicenseRenewalParses() {
        LicenseRenewal lr = assertInstanceOf(LicenseRenewal.class, JsonContract.event(JsonContract.parse(LR)));
        assertEquals(LocalDate.parse("2025-09-30"), lr.getTermEnd());
        assertEquals(250, lr.getSeats());
        assertEquals("Kaspersky", lr.getProduct().getPublisher());
    }

    @Test
    void offsetOfTheEventTimeIsHonoured() {
        PurchaseOrder po = JsonContract.purchaseOrder(JsonContract.parse(PO.replace("2024-07-21T14:03:00Z", "2024-07-20T00:30:00-04:00")));
        assertEquals(Instant.parse("2024-07-20T04:30:00Z"), po.getOrderedAt());
    }

    @Test
    void optionalFieldsMayBeAbsent() {
        String minimal = "{\"type\":\"purchase_order\",\"eventId\":\"e\",\"poNumber\":\"p\",\"orderedAt\":\"2024-07-21T14:03:00Z\","
                + "\"buyer\":{\"name\":\"B\"},\"supplier\":{\"name\":\"S\"},\"lines\":[{\"lineNumber\":1,\"description\":\"d\","
                + "\"quantity\":\"2.5\",\"unitPrice\":\"1\"}],\"currency\":\"EUR\"}";
        PurchaseOrder po = JsonContract.purchaseOrder(JsonContract.parse(minimal));
        assertNull(po.getSupplier().getId());
        assertNull(po.getLines().get(0).getManufacturer());
        assertNull(po.getSourceSystem());
    }

    @ParameterizedTest(name = "{0} -> error names {1}")
    @CsvSource(delimiter = '|', value = {
        "missing orderedAt          | orderedAt         | \"orderedAt\":\"2024-07-21T14:03:00Z\",|",
        "orderedAt without a zone   | orderedAt         | 2024-07-21T14:03:00Z|2024-07-21T14:03:00",
        "orderedAt not a date       | orderedAt         | 2024-07-21T14:03:00Z|yesterday",
        "month 13                   | orderedAt         | 2024-07-21T14:03:00Z|2024-13-21T14:03:00Z",
        "supplier name missing      | supplier.name     | \"name\":\"Kaspersky Lab, Inc.\",|",
        "supplier not an object     | supplier          | {\"id\":\"V-20017\",\"name\":\"Kaspersky Lab, Inc.\",\"country\":\"US\"}|\"Kaspersky\"",
        "unit price not a number    | lines[0].unitPrice| \"4100.00\"|\"4.100,00 EUR\"",
        "line number not integral   | lines[0].lineNumber| \"lineNumber\":1|\"lineNumber\":1.5",
        "unknown type               | type              | purchase_order|sales_order",
        "lines not an array         | lines             | \"lines\":[|\"lines\":\"none\",\"old\":[",
    })
    void malformedPurchaseOrderNamesTheField(String what, String field, String from, String to) {
        String bad = PO.replace(from, to == null ? "" : to);
        String line = bad;
        ContractException e = assertThrows(ContractException.class, () -> JsonContract.event(JsonContract.parse(line)));
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().contains(field), e.getMessage());
    }

    @Test
    void malformedJsonIsReportedAsSuch() {
        ContractException e = assertThrows(ContractException.class, () -> JsonContract.parse("{\"type\": \"purchase_order\","));
        assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
        assertThrows(ContractException.class, () -> JsonContract.parse("[1,2]"));
    }

    @ParameterizedTest(name = "{0} given twice -> rejected")
    @CsvSource(delimiter = '|', value = {
        "supplier       | \"supplier\":           | \"supplier\":{\"name\":\"Harmless Ltd\"},\"supplier\":",
        "supplier.name  | \"name\":\"Kaspersky   | \"name\":\"Harmless Ltd\",\"name\":\"Kaspersky",
        "lines[0].manufacturer | \"manufacturer\": | \"manufacturer\":\"Acme\",\"manufacturer\":",
    })
    void keyGivenTwiceInOneObjectRejectsTheRecordNamingTheField(String field, String from, String to) {
        String line = PO.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
        ContractException e = assertThrows(ContractException.class, () -> JsonContract.event(JsonContract.parse(line)));
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().contains("given twice"), e.getMessage());
    }

    @Test
    void entityIdGivenTwiceRejectsTheEntity() {
        String entity = "{\"entityId\":\"a\",\"entityId\":\"b\",\"name\":\"N\",\"source\":\"S\",\"citation\":\"C\","
                + "\"restrictions\":[{\"activity\":\"ANY\",\"effectiveFrom\":\"2024-07-20T04:00:00Z\"}]}";
        assertEquals("entityId", assertThrows(ContractException.class, () -> JsonContract.entity(JsonContract.parse(entity))).field());
    }

    @Test
    void renewalWithBadTermDateNamesTheField() {
        ContractException e = assertThrows(ContractException.class,
                () -> JsonContract.event(JsonContract.parse(LR.replace("2025-09-30", "2025-09-31"))));
        assertEquals("termEnd", e.field());
    }

    @Test
    void entityFromTheContractParsesAndBadOnesNameTheField() {
        String entity = "{\"entityId\":\"icts-2021-002-kaspersky\",\"name\":\"Kaspersky Lab, Inc.\","
                + "\"source\":\"ICTS Final Determination\",\"citation\":\"89 FR 52434\","
                + "\"restrictions\":[{\"activity\":\"PURCHASE\",\"effectiveFrom\":\"2024-07-20T04:00:00Z\"},"
                + "{\"activity\":\"LICENSE_RENEWAL\",\"effectiveFrom\":\"2024-09-29T04:00:00Z\",\"effectiveUntil\":null}]}";
        RestrictedEntity e = JsonContract.entity(JsonContract.parse(entity));
        assertEquals(Activity.LICENSE_RENEWAL, e.restrictions().get(1).activity());
        assertEquals(0, e.aliases().size());

        assertEquals("restrictions", assertThrows(ContractException.class, () -> JsonContract.entity(
                JsonContract.parse(entity.replaceAll("\\[\\{.*}]", "[]")))).field());
        assertEquals("restrictions[0].activity", assertThrows(ContractException.class, () -> JsonContract.entity(
                JsonContract.parse(entity.replace("\"PURCHASE\"", "\"SELL\"")))).field());
        assertEquals("restrictions[1].effectiveUntil", assertThrows(ContractException.class, () -> JsonContract.entity(
                JsonContract.parse(entity.replace("\"effectiveUntil\":null", "\"effectiveUntil\":\"2024-01-01T00:00:00Z\"")))).field());
        assertEquals("citation", assertThrows(ContractException.class, () -> JsonContract.entity(
                JsonContract.parse(entity.replace("\"citation\":\"89 FR 52434\",", "")))).field());
    }
}
