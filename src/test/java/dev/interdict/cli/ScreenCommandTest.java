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
        Run r = run("screen", "--entities", entities.toString(), "--events", events.toString());

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

    @Test
    void missingEventsFileFailsWithStatusOne() throws IOException {
        Run r = run("screen", "--entities", dir.resolve("nope.jsonl").toString(), "--events", "x");
        assertEquals(1, r.status());
    }
}
