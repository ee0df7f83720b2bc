package dev.interdict.serde;

import dev.interdict.avro.LicenseRenewal;
import dev.interdict.avro.PurchaseOrder;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProjectionTest {
    static List<String> names(Schema record) {
        return record.getFields().stream().map(Schema.Field::name).toList();
    }

    @Test
    void keepsTheNamedFieldsInTheRecordsOrderAndGoesIntoNestedRecordsAndArrays() {
        Schema full = PurchaseOrder.getClassSchema();
        Schema p = Projection.of(full, "supplier.name", "eventId", "lines.manufacturer", "orderedAt");
        assertEquals(full.getFullName(), p.getFullName(), "same name: resolves against the writer's schema");
        assertEquals(List.of("eventId", "orderedAt", "supplier", "lines"), names(p));
        assertEquals(List.of("name"), names(p.getField("supplier").schema()));
        assertEquals(List.of("manufacturer"), names(p.getField("lines").schema().getElementType()));
        assertEquals(full.getField("orderedAt").schema(), p.getField("orderedAt").schema(), "logical type kept");
        assertEquals(full.getField("lines").schema().getElementType().getField("manufacturer").schema(),
                p.getField("lines").schema().getElementType().getField("manufacturer").schema(), "the union kept");
    }

    @Test
    void aFieldTheRecordLacksIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Projection.of(LicenseRenewal.getClassSchema(), "eventId", "vendor.nmae"));
        assertTrue(e.getMessage().contains("nmae"), e.getMessage());
    }
}
