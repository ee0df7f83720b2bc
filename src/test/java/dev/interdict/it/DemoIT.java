package dev.interdict.it;

import dev.interdict.demo.Demo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo a newcomer runs first: real broker, finishes by itself well within a minute, accounts for everything. */
class DemoIT {
    @Test
    @Timeout(60)
    void demoScreensEveryEventDeadLettersEveryMalformedRecordAndFinishesWithinAMinute() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Demo.Summary s = new Demo(400, 20240720L, new PrintStream(out, true, StandardCharsets.UTF_8)).run(false);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(s.accountedFor(), s + "\n" + printed);
        assertEquals(400, s.decisions());
        assertEquals(4, s.deadLetters());
        assertTrue(s.violations() > 0 && s.alerts() >= s.violations(), s::toString);
        assertTrue(printed.contains("VIOLATION") && printed.contains("89 FR 52434"), printed);
        assertTrue(printed.contains("every record accounted for: yes"), printed);
        assertTrue(s.elapsed().toSeconds() < 60, s::toString);
    }
}
