package dev.interdict.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interdict.avro.Decision;
import dev.interdict.avro.LicenseRenewal;
import dev.interdict.avro.PurchaseOrder;
import dev.interdict.cli.Main;
import dev.interdict.contract.JsonContract;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One table of borderline events, through the offline {@code screen} (contract JSON Lines) and through the streaming
 * topology (the same event as Avro on an event topic): both accept the same events, and what the topology
 * dead-letters the offline command rejects, for the same reason in the same words.
 */
class OfflineAndStreamingAgreeTest {
    static final String ORDER = "{\"type\":\"purchase_order\",\"eventId\":\"po-1\",\"poNumber\":\"p\","
            + "\"orderedAt\":\"2024-07-21T14:03:00Z\",\"buyer\":{\"name\":\"B\"},\"supplier\":{\"name\":\"Kaspersky Lab, Inc.\"},"
            + "\"lines\":[{\"lineNumber\":1,\"description\":\"d\",\"manufacturer\":\"Acme\",\"quantity\":\"1\",\"unitPrice\":\"1\"}],"
            + "\"currency\":\"USD\"}";
    static final String RENEWAL = "{\"type\":\"license_renewal\",\"eventId\":\"lr-1\",\"licenseId\":\"L\","
            + "\"renewedAt\":\"2024-10-01T00:00:00Z\",\"vendor\":{\"name\":\"Kaspersky Lab, Inc.\"},"
            + "\"product\":{\"name\":\"Suite\",\"publisher\":\"Acme\"},\"termStart\":\"2024-10-01\",\"termEnd\":\"2025-09-30\","
            + "\"seats\":1,\"amount\":\"1.00\",\"currency\":\"USD\"}";
    static final String ENTITY = "{\"entityId\":\"kasp\",\"name\":\"Kaspersky Lab, Inc.\",\"source\":\"S\",\"citation\":\"C\","
            + "\"restrictions\":[{\"activity\":\"ANY\",\"effectiveFrom\":\"2024-07-20T04:00:00Z\"}]}";

    /** An event: a valid one with one field set to a value; accepted or not, in both paths. */
    record Case(String base, String field, String value, boolean accepted) {
    }

    static final List<Case> CASES = List.of(
            new Case(ORDER, null, null, true),
            new Case(ORDER, "eventId", "", false),
            new Case(ORDER, "eventId", "  ", false),
            new Case(ORDER, "supplier.name", "", false),
            new Case(ORDER, "supplier.name", " \t", false),
            new Case(ORDER, "orderedAt", "1969-12-31T23:59:59Z", false),
            new Case(ORDER, "orderedAt", "1900-01-01T00:00:00Z", false),
            new Case(ORDER, "orderedAt", "1970-01-01T00:00:00Z", true),
            new Case(ORDER, "lines[0].manufacturer", "", true),
            new Case(RENEWAL, null, null, true),
            new Case(RENEWAL, "eventId", "", false),
            new Case(RENEWAL, "vendor.name", "", false),
            new Case(RENEWAL, "product.name", " ", false),
            new Case(RENEWAL, "product.publisher", "", true),
            new Case(RENEWAL, "renewedAt", "1969-07-20T20:17:00Z", false));

    @TempDir
    Path dir;

    @Test
    void offlineRejectsExactlyWhatStreamingDeadLettersWithTheSameReason() throws Exception {
        List<String> lines = new ArrayList<>();
        for (Case c : CASES) {
            lines.add(JsonContract.toLine(json(c)));
        }
        Path entities = Files.writeString(dir.resolve("entities.jsonl"), ENTITY + "\n");
        Path events = Files.write(dir.resolve("events.jsonl"), lines);
        Path out = dir.resolve("decisions.jsonl");
        PrintStream oldErr = System.err;
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            Main.execute("screen", "--entities", entities.toString(), "--events", events.toString(), "--output", out.toString());
        } finally {
            System.setErr(oldErr);
        }
        List<String> offline = Files.readAllLines(out);
        assertEquals(CASES.size(), offline.size());

        try (TopologyFixture f = new TopologyFixture()) {
            f.publishEntity("kasp", dev.interdict.contract.AvroMapping.toAvro(JsonContract.entity(JsonContract.parse(ENTITY))));
            for (int i = 0; i < CASES.size(); i++) {
                Case c = CASES.get(i);
                SpecificRecord avro = avro(c);
                if (avro instanceof PurchaseOrder po) {
                    f.orders.pipeInput("k", po);
                } else {
                    f.renewals.pipeInput("k", (LicenseRenewal) avro);
                }
                List<Decision> decided = f.decisions.readValuesToList();
                List<TestRecord<byte[], byte[]>> dead = f.deadLetters.readRecordsToList();
                assertEquals(1, decided.size() + dead.size(), c + ": one decision or one dead letter");
                JsonNode o = JsonContract.parse(offline.get(i));
                boolean offlineAccepted = !"REJECTED".equals(o.get("verdict").asText());
                assertEquals(c.accepted(), decided.size() == 1, c + ": streaming " + (dead.isEmpty() ? "decided" : "dead-lettered"));
                assertEquals(c.accepted(), offlineAccepted, c + ": offline " + o);
                if (!c.accepted()) {
                    String reason = new String(dead.get(0).headers().lastHeader("__streams.errors.message").value(),
                            StandardCharsets.UTF_8);
                    assertTrue(reason.contains(o.get("error").asText()), c + ": streaming '" + reason + "', offline '"
                            + o.get("error").asText() + "'");
                } else {
                    assertEquals(JsonContract.parse(offline.get(i)).get("verdict").asText(), decided.get(0).getVerdict().name(), c.toString());
                }
            }
        }
    }

    static JsonNode json(Case c) {
        ObjectNode n = (ObjectNode) JsonContract.parse(c.base());
        if (c.field() != null) {
            String[] path = c.field().split("\\.");
            ObjectNode parent = n;
            for (int i = 0; i < path.length - 1; i++) {
                parent = (ObjectNode) (path[i].equals("lines[0]") ? ((ArrayNode) parent.get("lines")).get(0) : parent.get(path[i]));
            }
            parent.put(path[path.length - 1], c.value());
        }
        return n;
    }

    /** The same event as Avro: the valid event's record with the field set (Avro itself allows blank and old values). */
    static SpecificRecord avro(Case c) {
        SpecificRecord r = JsonContract.event(JsonContract.parse(c.base()));
        if (c.field() != null) {
            String[] path = c.field().split("\\.");
            GenericRecord parent = (GenericRecord) r;
            for (int i = 0; i < path.length - 1; i++) {
                parent = (GenericRecord) (path[i].equals("lines[0]") ? ((List<?>) parent.get("lines")).get(0) : parent.get(path[i]));
            }
            String name = path[path.length - 1];
            parent.put(name, name.endsWith("At") ? Instant.parse(c.value()) : c.value());
        }
        return r;
    }
}
