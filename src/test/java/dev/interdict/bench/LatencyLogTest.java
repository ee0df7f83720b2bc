package dev.interdict.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyLogTest {
    @Test
    void percentilesAreExactToOneTenthOfAMillisecondAndMaxIsExact() {
        Bench.LatencyLog log = new Bench.LatencyLog();
        for (int ms = 1; ms <= 100; ms++) {
            log.add(ms * 1_000_000L + 50_000); // 1.05 ms ... 100.05 ms
        }
        assertEquals(100, log.count());
        assertEquals(51.1, log.percentileMillis(0.50), 1e-9, "the 51st of 100 is 51.05 ms, in the bucket up to 51.1 ms");
        assertEquals(100.05, log.percentileMillis(0.99), 1e-9, "the 100th: capped at the exact max");
        assertEquals(100.05, log.maxMillis(), 1e-9);
    }

    @Test
    void aLatencyBeyondTheLastBucketStillCountsAndSetsTheMax() {
        Bench.LatencyLog log = new Bench.LatencyLog();
        log.add(90_000_000_000L); // 90 s, past the 60 s of buckets
        assertEquals(90_000.0, log.maxMillis(), 1e-9);
        assertTrue(log.percentileMillis(0.5) >= 60_000.0);
        assertTrue(Double.isNaN(new Bench.LatencyLog().percentileMillis(0.5)));
    }
}
