package dev.interdict.contract;

import dev.interdict.avro.LicenseRenewal;
import dev.interdict.avro.PurchaseOrder;
import dev.interdict.avro.PurchaseOrderLine;
import dev.interdict.screening.Activity;
import dev.interdict.screening.Alert;
import dev.interdict.screening.Decision;
import dev.interdict.screening.EventType;
import dev.interdict.screening.NameField;
import dev.interdict.screening.RestrictedEntity;
import dev.interdict.screening.Restriction;
import dev.interdict.screening.ScreeningEvent;
import dev.interdict.screening.Verdict;
import dev.interdict.screening.names.TextNormalizer;
import dev.interdict.serde.Projection;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Maps between the Avro records on Kafka and the screening core's domain (which knows nothing of Avro). */
public final class AvroMapping {
    private AvroMapping() {
    }

    // ---------------------------------------------------------------- events → screening

    public static ScreeningEvent toScreeningEvent(SpecificRecord event) {
        if (event instanceof PurchaseOrder po) {
            return toScreeningEvent(po);
        }
        if (event instanceof LicenseRenewal lr) {
            return toScreeningEvent(lr);
        }
        throw new IllegalArgumentException("not an event: " + (event == null ? "null" : event.getClass().getName()));
    }

    public static ScreeningEvent toScreeningEvent(PurchaseOrder po) {
        List<NameField> names = new ArrayList<>();
        names.add(new NameField("supplier.name", po.getSupplier().getName(), NameField.Role.PARTY));
        List<PurchaseOrderLine> lines = po.getLines();
        for (int i = 0; i < lines.size(); i++) {
            String m = lines.get(i).getManufacturer();
            if (m != null) {
                names.add(new NameField("lines[" + i + "].manufacturer", m, NameField.Role.PARTY_AND_BRAND));
            }
            String d = lines.get(i).getDescription();
            if (d != null && !d.isBlank()) {
                names.add(new NameField("lines[" + i + "].description", TextNormalizer.description(d),
                        NameField.Role.DESCRIPTION));
            }
        }
        return new ScreeningEvent(po.getEventId(), EventType.PURCHASE_ORDER, po.getOrderedAt(), names);
    }

    public static ScreeningEvent toScreeningEvent(LicenseRenewal lr) {
        List<NameField> names = new ArrayList<>(3);
        names.add(new NameField("vendor.name", lr.getVendor().getName(), NameField.Role.PARTY));
        if (lr.getProduct().getPublisher() != null) {
            names.add(new NameField("product.publisher", lr.getProduct().getPublisher(), NameField.Role.PARTY_AND_BRAND));
        }
        names.add(new NameField("product.name", lr.getProduct().getName(), NameField.Role.BRAND));
        return new ScreeningEvent(lr.getEventId(), EventType.LICENSE_RENEWAL, lr.getRenewedAt(), names);
    }

    /**
     * What a purchase order's screening event is made of: read with this projection, Avro skips the rest of each
     * record (buyer, prices...) instead of decoding it ({@link #purchaseOrderEvent(GenericRecord)}).
     */
    public static final Schema PURCHASE_ORDER_SCREENED = Projection.of(PurchaseOrder.getClassSchema(),
            "eventId", "orderedAt", "supplier.name", "lines.manufacturer", "lines.description");
    /** What a licence renewal's screening event is made of ({@link #licenseRenewalEvent(GenericRecord)}). */
    public static final Schema LICENSE_RENEWAL_SCREENED = Projection.of(LicenseRenewal.getClassSchema(),
            "eventId", "renewedAt", "vendor.name", "product.publisher", "product.name");

    // positions in the projections (a field by name is a hash lookup per access, on every event)
    private static final int PO_EVENT_ID = pos(PURCHASE_ORDER_SCREENED, "eventId");
    private static final int PO_ORDERED_AT = pos(PURCHASE_ORDER_SCREENED, "orderedAt");
    private static final int PO_SUPPLIER = pos(PURCHASE_ORDER_SCREENED, "supplier");
    private static final int PO_SUPPLIER_NAME = pos(PURCHASE_ORDER_SCREENED.getField("supplier").schema(), "name");
    private static final int PO_LINES = pos(PURCHASE_ORDER_SCREENED, "lines");
    private static final int PO_LINE_MANUFACTURER =
            pos(PURCHASE_ORDER_SCREENED.getField("lines").schema().getElementType(), "manufacturer");
    private static final int PO_LINE_DESCRIPTION =
            pos(PURCHASE_ORDER_SCREENED.getField("lines").schema().getElementType(), "description");
    private static final int LR_EVENT_ID = pos(LICENSE_RENEWAL_SCREENED, "eventId");
    private static final int LR_RENEWED_AT = pos(LICENSE_RENEWAL_SCREENED, "renewedAt");
    private static final int LR_VENDOR = pos(LICENSE_RENEWAL_SCREENED, "vendor");
    private static final int LR_VENDOR_NAME = pos(LICENSE_RENEWAL_SCREENED.getField("vendor").schema(), "name");
    private static final int LR_PRODUCT = pos(LICENSE_RENEWAL_SCREENED, "product");
    private static final int LR_PRODUCT_NAME = pos(LICENSE_RENEWAL_SCREENED.getField("product").schema(), "name");
    private static final int LR_PRODUCT_PUBLISHER =
            pos(LICENSE_RENEWAL_SCREENED.getField("product").schema(), "publisher");

    private static int pos(Schema record, String field) {
        return record.getField(field).pos();
    }

    /** The screening event of a purchase order read with {@link #PURCHASE_ORDER_SCREENED}: as {@link #toScreeningEvent(PurchaseOrder)}. */
    public static ScreeningEvent purchaseOrderEvent(GenericRecord po) {
        List<NameField> names = new ArrayList<>();
        names.add(new NameField("supplier.name", text(((GenericRecord) po.get(PO_SUPPLIER)).get(PO_SUPPLIER_NAME)),
                NameField.Role.PARTY));
        List<?> lines = (List<?>) po.get(PO_LINES);
        for (int i = 0; i < lines.size(); i++) {
            Object m = ((GenericRecord) lines.get(i)).get(PO_LINE_MANUFACTURER);
            if (m != null) {
                names.add(new NameField("lines[" + i + "].manufacturer", text(m), NameField.Role.PARTY_AND_BRAND));
            }
            Object d = ((GenericRecord) lines.get(i)).get(PO_LINE_DESCRIPTION);
            if (d != null) {
                String description = text(d);
                if (!description.isBlank()) {
                    names.add(new NameField("lines[" + i + "].description", TextNormalizer.description(description),
                            NameField.Role.DESCRIPTION));
                }
            }
        }
        return new ScreeningEvent(text(po.get(PO_EVENT_ID)), EventType.PURCHASE_ORDER, instant(po.get(PO_ORDERED_AT)),
                names);
    }

    /** The screening event of a licence renewal read with {@link #LICENSE_RENEWAL_SCREENED}: as {@link #toScreeningEvent(LicenseRenewal)}. */
    public static ScreeningEvent licenseRenewalEvent(GenericRecord lr) {
        List<NameField> names = new ArrayList<>(3);
        names.add(new NameField("vendor.name", text(((GenericRecord) lr.get(LR_VENDOR)).get(LR_VENDOR_NAME)),
                NameField.Role.PARTY));
        GenericRecord product = (GenericRecord) lr.get(LR_PRODUCT);
        Object publisher = product.get(LR_PRODUCT_PUBLISHER);
        if (publisher != null) {
            names.add(new NameField("product.publisher", text(publisher), NameField.Role.PARTY_AND_BRAND));
        }
        names.add(new NameField("product.name", text(product.get(LR_PRODUCT_NAME)), NameField.Role.BRAND));
        return new ScreeningEvent(text(lr.get(LR_EVENT_ID)), EventType.LICENSE_RENEWAL, instant(lr.get(LR_RENEWED_AT)),
                names);
    }

    private static String text(Object avroString) {
        return avroString == null ? null : avroString.toString(); // a String, or Utf8 if the schema did not say String
    }

    private static Instant instant(Object timestampMillis) {
        return timestampMillis instanceof Instant i ? i : Instant.ofEpochMilli((Long) timestampMillis);
    }

    // ---------------------------------------------------------------- entities

    public static RestrictedEntity toDomain(dev.interdict.avro.RestrictedEntity e) {
        List<Restriction> rs = new ArrayList<>(e.getRestrictions().size());
        for (int i = 0; i < e.getRestrictions().size(); i++) {
            dev.interdict.avro.Restriction r = e.getRestrictions().get(i);
            try {
                rs.add(new Restriction(Activity.valueOf(r.getActivity().name()), r.getEffectiveFrom(),
                        r.getEffectiveUntil()));
            } catch (RuntimeException invalid) { // the whole entry is refused: which restriction, and why
                throw new IllegalArgumentException("restrictions[" + i + "]: " + invalid.getMessage(), invalid);
            }
        }
        return new RestrictedEntity(e.getEntityId(), e.getName(), e.getAliases(), e.getBrands(), e.getCountry(),
                e.getSource(), e.getCitation(), rs);
    }

    public static dev.interdict.avro.RestrictedEntity toAvro(RestrictedEntity e) {
        List<dev.interdict.avro.Restriction> rs = new ArrayList<>(e.restrictions().size());
        for (Restriction r : e.restrictions()) {
            rs.add(dev.interdict.avro.Restriction.newBuilder()
                    .setActivity(dev.interdict.avro.Activity.valueOf(r.activity().name()))
                    .setEffectiveFrom(r.effectiveFrom())
                    .setEffectiveUntil(r.effectiveUntil())
                    .build());
        }
        return dev.interdict.avro.RestrictedEntity.newBuilder()
                .setEntityId(e.entityId()).setName(e.name())
                .setAliases(new ArrayList<>(e.aliases())).setBrands(new ArrayList<>(e.brands()))
                .setCountry(e.country()).setSource(e.source()).setCitation(e.citation())
                .setRestrictions(rs)
                .build();
    }

    // ---------------------------------------------------------------- decisions and alerts

    public static dev.interdict.avro.Decision toAvro(Decision d) {
        List<dev.interdict.avro.Alert> alerts = new ArrayList<>(d.alerts().size());
        for (Alert a : d.alerts()) {
            alerts.add(toAvro(a));
        }
        // the all-arguments constructor: Avro's builders validate and copy every field, on the hot path
        return new dev.interdict.avro.Decision(d.eventId(), d.eventType().wireName(), d.eventTime(),
                verdict(d.verdict()), alerts);
    }

    public static dev.interdict.avro.Alert toAvro(Alert a) {
        return new dev.interdict.avro.Alert(a.alertId(), a.eventId(), a.eventType().wireName(), a.eventTime(),
                a.entityId(), a.entityName(), a.matchedField(), a.matchedValue(), a.matchedName(), a.score(),
                dev.interdict.avro.Activity.valueOf(a.activity().name()), a.effectiveFrom(), a.effectiveUntil(),
                a.source(), a.citation(), verdict(a.verdict()), a.explanation(), false, null);
    }

    public static Decision fromAvro(dev.interdict.avro.Decision d) {
        List<Alert> alerts = new ArrayList<>(d.getAlerts().size());
        for (dev.interdict.avro.Alert a : d.getAlerts()) {
            alerts.add(fromAvro(a));
        }
        return new Decision(d.getEventId(), EventType.fromWireName(d.getEventType()), d.getEventTime(),
                Verdict.valueOf(d.getVerdict().name()), alerts);
    }

    public static Alert fromAvro(dev.interdict.avro.Alert a) {
        return new Alert(a.getAlertId(), a.getEventId(), EventType.fromWireName(a.getEventType()), a.getEventTime(),
                a.getEntityId(), a.getEntityName(), a.getMatchedField(), a.getMatchedValue(), a.getMatchedName(),
                a.getScore(), Activity.valueOf(a.getActivity().name()), a.getEffectiveFrom(), a.getEffectiveUntil(),
                a.getSource(), a.getCitation(), Verdict.valueOf(a.getVerdict().name()), a.getExplanation());
    }

    private static dev.interdict.avro.Verdict verdict(Verdict v) {
        return dev.interdict.avro.Verdict.valueOf(v.name());
    }
}
