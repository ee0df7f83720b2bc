package dev.interdict.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interdict.contract.JsonContract;
import dev.interdict.testutil.Shared;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScreenCommandTest {
    @TempDir
    Path dir;

    record Run(int status, List<String> out, String err) {
    }

    Run run(String... args) throws IOException {
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            Path out = dir.resolve("out-" + System.nanoTime() + ".jsonl");
            List<String> all = new ArrayList<>(List.of(args));
            all.add("--output");
            all.add(out.toString());
            int status = Main.execute(all.toArray(String[]::new));
            List<String> lines = Files.exists(out) ? Files.readAllLines(out) : List.of();
            return new Run(status, lines, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(oldErr);
        }
    }

    @Test
    void sharedCasesAllScreenedInInputOrderWithExitZero() throws IOException {
        Path cases = Shared.file("cases/screening-cases.jsonl");
        Run r = run("screen", "--entities", Shared.file("data/sample-entities.jsonl").toString(), "--events", cases.toString());
        assertEquals(0, r.status(), r.err());
        List<String> ids = Files.readAllLines(cases).stream().filter(l -> !l.isBlank())
                .map(l -> JsonContract.parse(l).get("eventId").asText()).toList();
        assertEquals(ids, r.out().stream().map(l -> JsonContract.parse(l).get("eventId").asText()).toList());
    }

    @Test
    void malformedLinesAreReportedWithLineAndFieldAndTheRestStillFlows() throws IOException {
        Path entities = dir.resolve("entities.jsonl");
        Files.writeString(entities, """
                {"entityId":"e1","name":"Acme Widgets","source":"Test","citation":"1 FR 1","restrictions":[{"activity":"ANY","effectiveFrom":"2024-01-01T00:00:00Z"}]}
                {"entityId":"e2","name":"No Restrictions Ltd","source":"Test","citation":"1 FR 1","restrictions":[]}
                """);
        String good = "{\"type\":\"purchase_order\",\"eventId\":\"%s\",\"poNumber\":\"p\",\"orderedAt\":\"%s\","
                + "\"buyer\":{\"name\":\"B\"},\"supplier\":{\"name\":\"Acme Widgets\"},\"lines\":[],\"currency\":\"USD\"}";
        Path events = dir.resolve("events.jsonl");
        Files.writeString(events, String.join("\n",
                String.format(good, "ok-1", "2024-02-01T00:00:00Z"),
                "this is not json",
                String.format(good, "bad-date", "2024-02-30T00:00:00Z"),
                "",
                String.format(good, "ok-2", "2023-02-01T00:00:00Z"),
                "{\"type\":\"purchase_order\",\"eventId\":\"no-supplier\"}") + "\n");
        Run r = run("screen", "--entities", entities.toString(), "--events", events.toString(), "--allow-partial-list");

        assertEquals(2, r.status());
        assertEquals(5, r.out().size(), "one output line per input record: " + r.out());
        List<JsonNode> out = r.out().stream().map(JsonContract::parse).toList();
        assertEquals("VIOLATION", out.get(0).get("verdict").asText());
        assertEquals("REJECTED", out.get(1).get("verdict").asText());
        assertEquals(2, out.get(1).get("line").asInt());
        assertEquals("REJECTED", out.get(2).get("verdict").asText());
        assertEquals("bad-date", out.get(2).get("eventId").asText());
        assertEquals("CLEAR", out.get(3).get("verdict").asText());
        assertEquals("REJECTED", out.get(4).get("verdict").asText());
        assertTrue(r.err().contains(entities + ":2: ") && r.err().contains("restrictions"), r.err());
        assertTrue(r.err().contains(events + ":2: ") && r.err().contains("malformed JSON"), r.err());
        assertTrue(r.err().contains(events + ":3: field 'orderedAt'"), r.err());
        assertTrue(r.err().contains(events + ":6: field 'poNumber'"), r.err());
    }

    static final String KASPERSKY = "{\"entityId\":\"%s\",\"name\":\"Kaspersky Lab, Inc.\",\"source\":\"ICTS\","
            + "\"citation\":\"89 FR 52434\",\"restrictions\":[{\"activity\":\"PURCHASE\",\"effectiveFrom\":\"%s\"}]}";
    static final String ORDER = "{\"type\":\"purchase_order\",\"eventId\":\"%s\",\"poNumber\":\"p\",\"orderedAt\":\"%s\","
            + "\"buyer\":{\"name\":\"B\"},\"supplier\":{\"name\":\"%s\"},\"lines\":[],\"currency\":\"USD\"}";

    Path kasperskyOrder() throws IOException {
        Path events = dir.resolve("order.jsonl");
        Files.writeString(events, String.format(ORDER, "po-1", "2024-07-21T14:03:00Z", "Kaspersky Lab, Inc.") + "\n");
        return events;
    }

    @Test
    void emptyListIsRefusedWithStatusTwoAndNoDecisionsUnlessAllowed() throws IOException {
        Path entities = Files.writeString(dir.resolve("empty.jsonl"), "");
        Path events = kasperskyOrder();
        Run r = run("screen", "--entities", entities.toString(), "--events", events.toString());
        assertEquals(2, r.status(), r.err());
        assertEquals(List.of(), r.out(), "no decisions against an empty list");
        assertTrue(r.err().contains("no valid entity") && r.err().contains("--allow-empty-list"), r.err());

        Run allowed = run("screen", "--entities", entities.toString(), "--events", events.toString(), "--allow-empty-list");
        assertEquals(0, allowed.status(), allowed.err());
        assertEquals("CLEAR", JsonContract.parse(allowed.out().get(0)).get("verdict").asText());
    }

    @Test
    void listWhoseEveryLineIsRejectedIsRefusedEvenWithAllowPartialList() throws IOException {
        Path entities = Files.writeString(dir.resolve("bad.jsonl"), "not json\n{\"entityId\":\"x\"}\n");
        Run r = run("screen", "--entities", entities.toString(), "--events", kasperskyOrder().toString());
        assertEquals(2, r.status(), r.err());
        assertEquals(List.of(), r.out());
        Run partial = run("screen", "--entities", entities.toString(), "--events", kasperskyOrder().toString(),
                "--allow-partial-list");
        assertEquals(2, partial.status(), partial.err());
        assertEquals(List.of(), partial.out());
        assertTrue(partial.err().contains("no valid entity"), partial.err());
    }

    @Test
    void duplicateEntityIdIsAnErrorNamingBothLinesAndNothingIsScreened() throws IOException {
        Path entities = Files.writeString(dir.resolve("dup.jsonl"), String.join("\n",
                String.format(KASPERSKY, "kasp", "2024-07-20T04:00:00Z"),
                String.format(KASPERSKY.replace("Kaspersky Lab, Inc.", "Someone Else"), "kasp", "2024-07-20T04:00:00Z")) + "\n");
        Run r = run("screen", "--entities", entities.toString(), "--events", kasperskyOrder().toString());
        assertEquals(2, r.status(), r.err());
        assertEquals(List.of(), r.out(), "fail closed: no CLEAR for a Kaspersky order against a list with a duplicate");
        assertTrue(r.err().contains(entities + ":2: entityId \"kasp\" is also on " + entities + ":1"), r.err());
        assertTrue(r.err().contains("2 entities rejected in " + entities + ": \"kasp\" (lines 1, 2)"), r.err());
    }

    @Test
    void invalidRestrictionRejectsTheEntityWithLineAndFieldAndNothingIsScreenedUnlessAllowPartialList() throws IOException {
        Path entities = Files.writeString(dir.resolve("until.jsonl"), String.join("\n",
                String.format(KASPERSKY, "kasp", "2024-07-20T04:00:00Z"),
                "{\"entityId\":\"e2\",\"name\":\"Acme\",\"source\":\"T\",\"citation\":\"c\",\"restrictions\":["
                        + "{\"activity\":\"ANY\",\"effectiveFrom\":\"2024-01-01T00:00:00Z\"},"
                        + "{\"activity\":\"ANY\",\"effectiveFrom\":\"2024-01-01T00:00:00Z\",\"effectiveUntil\":\"2023-01-01T00:00:00Z\"}]}")
                + "\n");
        Run r = run("screen", "--entities", entities.toString(), "--events", kasperskyOrder().toString());
        assertEquals(2, r.status(), r.err());
        assertEquals(List.of(), r.out());
        assertTrue(r.err().contains(entities + ":2: field 'restrictions[1].effectiveUntil': "), r.err());
        assertTrue(r.err().contains("1 entity rejected in " + entities + ": \"e2\" (line 2)"), r.err());

        Run partial = run("screen", "--entities", entities.toString(), "--events", kasperskyOrder().toString(),
                "--allow-partial-list");
        assertEquals(2, partial.status(), partial.err());
        assertEquals("VIOLATION", JsonContract.parse(partial.out().get(0)).get("verdict").asText());
    }

    @Test
    void invalidUtf8AtLine501IsOneRejectionAndTheFollowingLinesAreScreened() throws IOException {
        Path entities = Files.writeString(dir.resolve("k.jsonl"), String.format(KASPERSKY, "kasp", "2024-07-20T04:00:00Z") + "\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 1; i <= 600; i++) {
            String line = String.format(ORDER, "po-" + i, "2024-07-21T14:03:00Z", i == 501 ? "Kaspersky?" : "Kaspersky Lab, Inc.");
            byte[] b = line.getBytes(StandardCharsets.UTF_8);
            if (i == 501) {
                b[line.indexOf('?')] = (byte) 0xFF; // never valid in UTF-8
            }
            bytes.write(b);
            bytes.write('\n');
        }
        Path events = Files.write(dir.resolve("bad-utf8.jsonl"), bytes.toByteArray());
        Run r = run("screen", "--entities", entities.toString(), "--events", events.toString());
        assertEquals(2, r.status(), r.err());
        assertEquals(600, r.out().size());
        for (int i = 1; i <= 600; i++) {
            JsonNode d = JsonContract.parse(r.out().get(i - 1));
            assertEquals(i == 501 ? "REJECTED" : "VIOLATION", d.get("verdict").asText(), d.toString());
        }
        assertEquals(501, JsonContract.parse(r.out().get(500)).get("line").asInt());
        assertTrue(r.err().contains(events + ":501: not valid UTF-8"), r.err());
        assertTrue(r.err().contains("screened 600 events against 1 entities: 599 VIOLATION, 0 REVIEW, 0 CLEAR, 1 rejected"), r.err());
    }

    static final String FORGED = "x\\n[INFO] forged\\u001b[31m\\u202e"; // JSON escapes: newline, ESC, right-to-left override
    static final String FORGED_ESCAPED = "x\\n[INFO] forged\\u001b[31m\\u202e"; // as stderr must show it

    static void assertNoControlCharacters(String err) {
        assertTrue(err.lines().noneMatch(l -> l.startsWith("[INFO] forged")), err);
        assertTrue(err.chars().noneMatch(c -> c == 0x1b || c == 0x202e), err);
    }

    @Test
    void controlCharactersInAnEntityIdAreEscapedInStderr() throws IOException {
        Path entities = Files.writeString(dir.resolve("forged.jsonl"), String.join("\n",
                String.format(KASPERSKY, FORGED, "2024-07-20T04:00:00Z"),
                String.format(KASPERSKY, FORGED, "2024-07-20T04:00:00Z"),
                String.format(KASPERSKY, "kasp", "2024-07-20T04:00:00Z")) + "\n");
        Run r = run("screen", "--entities", entities.toString(), "--events", kasperskyOrder().toString());
        assertEquals(2, r.status(), r.err());
        assertNoControlCharacters(r.err());
        assertTrue(r.err().contains("\"" + FORGED_ESCAPED + "\" (lines 1, 2)"), r.err());
    }

    @Test
    void controlCharactersInAnEventAreEscapedInStderr() throws IOException {
        Path entities = Files.writeString(dir.resolve("k.jsonl"), String.format(KASPERSKY, "kasp", "2024-07-20T04:00:00Z") + "\n");
        Path events = Files.writeString(dir.resolve("forged-events.jsonl"),
                String.format(ORDER, FORGED, FORGED, "Kaspersky Lab, Inc.") + "\n");
        Run r = run("screen", "--entities", entities.toString(), "--events", events.toString());
        assertEquals(2, r.status(), r.err());
        assertNoControlCharacters(r.err());
        assertTrue(r.err().contains(events + ":1: field 'orderedAt': '" + FORGED_ESCAPED + "' is not an ISO-8601 instant"), r.err());
        assertTrue(r.err().contains("(eventId \"" + FORGED_ESCAPED + "\")"), r.err());
    }

    @Test
    void duplicateJsonKeyRejectsTheEvent() throws IOException {
        Path entities = Files.writeString(dir.resolve("k.jsonl"), String.format(KASPERSKY, "kasp", "2024-07-20T04:00:00Z") + "\n");
        Path events = Files.writeString(dir.resolve("dupkey-events.jsonl"), String.format(ORDER, "po-1", "2024-07-21T14:03:00Z",
                "Kaspersky Lab, Inc.").replace("\"supplier\":", "\"supplier\":{\"name\":\"Harmless Ltd\"},\"supplier\":") + "\n");
        Run r = run("screen", "--entities", entities.toString(), "--events", events.toString());
        assertEquals(2, r.status(), r.err());
        assertEquals("REJECTED", JsonContract.parse(r.out().get(0)).get("verdict").asText());
        assertTrue(r.err().contains(events + ":1: field 'supplier': given twice in one object"), r.err());
    }

    @Test
    void duplicateJsonKeyRejectsTheEntityAndNothingIsScreened() throws IOException {
        Path entities = Files.writeString(dir.resolve("dupkey.jsonl"), String.join("\n",
                String.format(KASPERSKY, "kasp", "2024-07-20T04:00:00Z"),
                String.format(KASPERSKY, "other", "2024-07-20T04:00:00Z").replace("\"name\":", "\"name\":\"X\",\"name\":")) + "\n");
        Run r = run("screen", "--entities", entities.toString(), "--events", kasperskyOrder().toString());
        assertEquals(2, r.status(), r.err());
        assertEquals(List.of(), r.out());
        assertTrue(r.err().contains(entities + ":2: field 'name': given twice in one object"), r.err());
    }

    @Test
    void eventBefore1970IsRejectedWithTheStreamingReason() throws IOException {
        Path entities = Files.writeString(dir.resolve("k.jsonl"), String.format(KASPERSKY, "kasp", "2024-07-20T04:00:00Z") + "\n");
        Path events = Files.writeString(dir.resolve("old.jsonl"),
                String.format(ORDER, "old", "1969-12-31T23:59:59Z", "Kaspersky Lab, Inc.") + "\n");
        Run r = run("screen", "--entities", entities.toString(), "--events", events.toString());
        assertEquals(2, r.status(), r.err());
        assertEquals("REJECTED", JsonContract.parse(r.out().get(0)).get("verdict").asText());
        assertTrue(r.err().contains(events + ":1: field 'orderedAt': 1969-12-31T23:59:59Z is before 1970-01-01,"
                + " not a plausible business instant"), r.err());
    }

    @Test
    void missingEventsFileFailsWithStatusOne() throws IOException {
        Run r = run("screen", "--entities", dir.resolve("nope.jsonl").toString(), "--events", "x");
        assertEquals(1, r.status());
    }
}
