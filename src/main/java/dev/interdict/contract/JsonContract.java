package dev.interdict.contract;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interdict.avro.LicenseRenewal;
import dev.interdict.avro.Party;
import dev.interdict.avro.Product;
import dev.interdict.avro.PurchaseOrder;
import dev.interdict.avro.PurchaseOrderLine;
import dev.interdict.screening.Activity;
import dev.interdict.screening.Alert;
import dev.interdict.screening.Decision;
import dev.interdict.screening.EventType;
import dev.interdict.screening.RestrictedEntity;
import dev.interdict.screening.Restriction;
import dev.interdict.screening.Verdict;
import org.apache.avro.specific.SpecificRecord;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.interdict.contract.JsonFields.array;
import static dev.interdict.contract.JsonFields.date;
import static dev.interdict.contract.JsonFields.decimal;
import static dev.interdict.contract.JsonFields.instant;
import static dev.interdict.contract.JsonFields.integer;
import static dev.interdict.contract.JsonFields.object;
import static dev.interdict.contract.JsonFields.optionalInstant;
import static dev.interdict.contract.JsonFields.optionalText;
import static dev.interdict.contract.JsonFields.optionalTextList;
import static dev.interdict.contract.JsonFields.path;
import static dev.interdict.contract.JsonFields.text;

/**
 * The JSON Lines form of the data contract ({@code shared/contract.md}): parses entities and events into the Avro
 * records used on Kafka (so both paths share one model and one validation), and writes decisions.
 * Unknown extra fields are ignored; a missing required field or a bad value throws {@link ContractException}.
 */
public final class JsonContract {
    /** Reads with duplicate keys refused: {@code "supplier"} twice in one object is an error, never "the last wins". */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonContract() {
    }

    public static JsonNode parse(String line) {
        try {
            JsonNode n = MAPPER.readTree(line);
            if (n == null || !n.isObject()) {
                throw new ContractException("(record)", "expected a JSON object");
            }
            return n;
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage();
            if (message != null && message.startsWith("Duplicate field") && e.getProcessor() instanceof JsonParser p) {
                throw new ContractException(fieldPath(p.getParsingContext()), "given twice in one object");
            }
            throw new ContractException("(record)", "malformed JSON: " + message);
        }
    }

    /** The path of the parser's current position, as the contract's errors name fields: {@code lines[0].sku}. */
    private static String fieldPath(JsonStreamContext c) {
        if (c == null || c.inRoot()) {
            return "";
        }
        String parent = fieldPath(c.getParent());
        if (c.inArray()) {
            return parent + "[" + Math.max(c.getCurrentIndex(), 0) + "]";
        }
        return parent.isEmpty() ? String.valueOf(c.getCurrentName()) : parent + "." + c.getCurrentName();
    }

    // ---------------------------------------------------------------- entities

    public static RestrictedEntity entity(JsonNode n) {
        List<Restriction> restrictions = new ArrayList<>();
        JsonNode rs = array(n, "", "restrictions");
        if (rs.isEmpty()) {
            throw new ContractException("restrictions", "an entity needs at least one restriction");
        }
        for (int i = 0; i < rs.size(); i++) {
            String prefix = "restrictions[" + i + "]";
            JsonNode r = rs.get(i);
            if (!r.isObject()) {
                throw new ContractException(prefix, "expected an object");
            }
            Activity activity = activity(text(r, prefix, "activity"), path(prefix, "activity"));
            Instant from = instant(r, prefix, "effectiveFrom");
            Instant until = optionalInstant(r, prefix, "effectiveUntil");
            if (until != null && !until.isAfter(from)) {
                throw new ContractException(path(prefix, "effectiveUntil"), "must be after effectiveFrom");
            }
            restrictions.add(new Restriction(activity, from, until));
        }
        return new RestrictedEntity(text(n, "", "entityId"), text(n, "", "name"),
                optionalTextList(n, "", "aliases"), optionalTextList(n, "", "brands"),
                optionalText(n, "", "country"), text(n, "", "source"), text(n, "", "citation"), restrictions);
    }

    private static Activity activity(String s, String field) {
        try {
            return Activity.valueOf(s);
        } catch (IllegalArgumentException e) {
            throw new ContractException(field, "'" + s + "' is not one of PURCHASE, LICENSE_RENEWAL, ANY");
        }
    }

    // ---------------------------------------------------------------- events

    /** A purchase order or licence renewal, by its {@code type} field. */
    public static SpecificRecord event(JsonNode n) {
        String type = text(n, "", "type");
        EventType t;
        try {
            t = EventType.fromWireName(type);
        } catch (IllegalArgumentException e) {
            throw new ContractException("type", e.getMessage());
        }
        return t == EventType.PURCHASE_ORDER ? purchaseOrder(n) : licenseRenewal(n);
    }

    public static PurchaseOrder purchaseOrder(JsonNode n) {
        return PurchaseOrder.newBuilder()
                .setEventId(text(n, "", "eventId"))
                .setPoNumber(text(n, "", "poNumber"))
                .setOrderedAt(instant(n, "", "orderedAt"))
                .setBuyer(party(n, "buyer"))
                .setSupplier(party(n, "supplier"))
                .setLines(lines(n))
                .setCurrency(text(n, "", "currency"))
                .setSourceSystem(optionalText(n, "", "sourceSystem"))
                .build();
    }

    private static List<PurchaseOrderLine> lines(JsonNode n) {
        JsonNode lines = array(n, "", "lines");
        List<PurchaseOrderLine> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String prefix = "lines[" + i + "]";
            JsonNode l = lines.get(i);
            if (!l.isObject()) {
                throw new ContractException(prefix, "expected an object");
            }
            out.add(PurchaseOrderLine.newBuilder()
                    .setLineNumber(integer(l, prefix, "lineNumber"))
                    .setSku(optionalText(l, prefix, "sku"))
                    .setDescription(text(l, prefix, "description"))
                    .setManufacturer(optionalText(l, prefix, "manufacturer"))
                    .setQuantity(decimal(l, prefix, "quantity"))
                    .setUnitPrice(decimal(l, prefix, "unitPrice"))
                    .build());
        }
        return out;
    }

    public static LicenseRenewal licenseRenewal(JsonNode n) {
        return LicenseRenewal.newBuilder()
                .setEventId(text(n, "", "eventId"))
                .setLicenseId(text(n, "", "licenseId"))
                .setRenewedAt(instant(n, "", "renewedAt"))
                .setVendor(party(n, "vendor"))
                .setProduct(product(n))
                .setTermStart(date(n, "", "termStart"))
                .setTermEnd(date(n, "", "termEnd"))
                .setSeats(integer(n, "", "seats"))
                .setAmount(decimal(n, "", "amount"))
                .setCurrency(text(n, "", "currency"))
                .setSourceSystem(optionalText(n, "", "sourceSystem"))
                .build();
    }

    private static Product product(JsonNode n) {
        JsonNode p = object(n, "", "product");
        return Product.newBuilder()
                .setName(text(p, "product", "name"))
                .setPublisher(optionalText(p, "product", "publisher"))
                .build();
    }

    private static Party party(JsonNode n, String name) {
        JsonNode p = object(n, "", name);
        return Party.newBuilder()
                .setId(optionalText(p, name, "id"))
                .setName(text(p, name, "name"))
                .setCountry(optionalText(p, name, "country"))
                .build();
    }

    // ---------------------------------------------------------------- decisions

    /** The contract's JSON form of a decision, fields in a fixed order (byte-identical for equal decisions). */
    public static ObjectNode decision(Decision d) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("eventId", d.eventId());
        o.put("eventType", d.eventType().wireName());
        o.put("eventTime", d.eventTime().toString());
        o.put("verdict", d.verdict().name());
        ArrayNode alerts = o.putArray("alerts");
        for (Alert a : d.alerts()) {
            alerts.add(alert(a));
        }
        return o;
    }

    /** Reads back a decision written by {@link #decision(Decision)} (for comparing runs and replays). */
    public static Decision decisionFromJson(JsonNode n) {
        List<Alert> alerts = new ArrayList<>();
        EventType type = EventType.fromWireName(text(n, "", "eventType"));
        Instant eventTime = instant(n, "", "eventTime");
        JsonNode as = array(n, "", "alerts");
        for (int i = 0; i < as.size(); i++) {
            JsonNode a = as.get(i);
            String p = "alerts[" + i + "]";
            alerts.add(new Alert(text(a, p, "alertId"), text(a, p, "eventId"), type, eventTime, text(a, p, "entityId"),
                    text(a, p, "entityName"), text(a, p, "matchedField"), text(a, p, "matchedValue"),
                    text(a, p, "matchedName"), a.path("score").asDouble(), Activity.valueOf(text(a, p, "activity")),
                    instant(a, p, "effectiveFrom"), optionalInstant(a, p, "effectiveUntil"), text(a, p, "source"),
                    text(a, p, "citation"), Verdict.valueOf(text(a, p, "verdict")), optionalText(a, p, "explanation")));
        }
        return new Decision(text(n, "", "eventId"), type, eventTime, Verdict.valueOf(text(n, "", "verdict")), alerts);
    }

    public static ObjectNode alert(Alert a) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("alertId", a.alertId());
        o.put("eventId", a.eventId());
        o.put("entityId", a.entityId());
        o.put("entityName", a.entityName());
        o.put("matchedField", a.matchedField());
        o.put("matchedValue", a.matchedValue());
        o.put("matchedName", a.matchedName());
        o.put("score", a.score());
        o.put("activity", a.activity().name());
        o.put("effectiveFrom", a.effectiveFrom().toString());
        if (a.effectiveUntil() != null) {
            o.put("effectiveUntil", a.effectiveUntil().toString());
        }
        o.put("source", a.source());
        o.put("citation", a.citation());
        o.put("verdict", a.verdict().name());
        if (a.explanation() != null) {
            o.put("explanation", a.explanation());
        }
        return o;
    }

    public static String toLine(JsonNode n) {
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
