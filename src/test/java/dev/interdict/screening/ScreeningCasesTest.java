package dev.interdict.screening;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interdict.contract.AvroMapping;
import dev.interdict.contract.JsonContract;
import dev.interdict.lists.JsonlEntities;
import dev.interdict.testutil.Shared;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Every labelled case of shared/cases/screening-cases.jsonl comes out as its {@code expected} object says. */
public class ScreeningCasesTest {

    static Screener sampleScreener() throws IOException {
        Path entities = Shared.file("data/sample-entities.jsonl");
        Screener screener = new Screener();
        try (BufferedReader in = Files.newBufferedReader(entities)) {
            screener.upsertAll(JsonlEntities.read(in, entities.toString(), r -> fail("sample entity rejected: " + r)));
        }
        return screener;
    }

    /** Asserts that a decision satisfies a case's expected object (see shared/cases/README.md). */
    public static void assertMeetsExpectation(JsonNode expected, Decision d) {
        String want = expected.get("verdict").asText();
        Set<String> entityIds = new java.util.TreeSet<>();
        expected.get("entityIds").forEach(n -> entityIds.add(n.asText()));
        Set<String> violating = d.alerts().stream().filter(a -> a.verdict() == Verdict.VIOLATION)
                .map(Alert::entityId).collect(Collectors.toSet());
        Set<String> alerted = d.alerts().stream().map(Alert::entityId).collect(Collectors.toSet());
        switch (want) {
            case "VIOLATION" -> {
                assertEquals(Verdict.VIOLATION, d.verdict(), () -> "decision " + d);
                assertTrue(violating.containsAll(entityIds), () -> "VIOLATION alerts " + violating + " lack some of " + entityIds);
            }
            case "NOT_CLEAR" -> {
                assertFalse(d.verdict() == Verdict.CLEAR, () -> "decision " + d);
                assertTrue(alerted.containsAll(entityIds), () -> "alerts " + alerted + " lack some of " + entityIds);
            }
            case "NOT_VIOLATION" -> assertFalse(d.verdict() == Verdict.VIOLATION, () -> "decision " + d);
            case "CLEAR" -> assertEquals(List.of(), d.alerts(), () -> "decision " + d);
            default -> fail("unknown expected verdict " + want);
        }
    }

    @TestFactory
    List<DynamicTest> everySharedScreeningCaseMeetsItsExpectedVerdict() throws IOException {
        Screener screener = sampleScreener();
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : Files.readAllLines(Shared.file("cases/screening-cases.jsonl"))) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = JsonContract.parse(line);
            tests.add(DynamicTest.dynamicTest(n.get("eventId").asText() + " expects " + n.get("expected"), () -> {
                Decision d = screener.screen(AvroMapping.toScreeningEvent(JsonContract.event(n)));
                assertMeetsExpectation(n.get("expected"), d);
            }));
        }
        assertTrue(tests.size() >= 12, "expected the shared cases, found " + tests.size());
        return tests;
    }
}
