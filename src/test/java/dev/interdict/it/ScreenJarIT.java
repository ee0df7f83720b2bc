package dev.interdict.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interdict.contract.JsonContract;
import dev.interdict.screening.ScreeningCasesTest;
import dev.interdict.testutil.Shared;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The built jar ({@code java -jar target/interdict.jar screen}) meets every shared screening case. */
class ScreenJarIT {
    @Test
    void builtJarScreensTheSharedCasesAsExpected() throws Exception {
        Path jar = Path.of("target", "interdict.jar");
        assertTrue(Files.isRegularFile(jar), "build the jar first (mvn package)");
        Path cases = Shared.file("cases/screening-cases.jsonl");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "screen", "--entities", Shared.file("data/sample-entities.jsonl").toString(),
                "--events", cases.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        List<String> decisions = out.lines().toList();
        List<String> inputs = Files.readAllLines(cases).stream().filter(l -> !l.isBlank()).toList();
        assertEquals(inputs.size(), decisions.size());
        for (int i = 0; i < inputs.size(); i++) {
            JsonNode expected = JsonContract.parse(inputs.get(i)).get("expected");
            var d = JsonContract.decisionFromJson(JsonContract.parse(decisions.get(i)));
            ScreeningCasesTest.assertMeetsExpectation(expected, d);
        }
    }
}
