package dev.interdict.screening.names;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExplanationNumbersTest {
    @Test
    void twoDecimalsAreWrittenExactlyAsTheFormatterWritesThem() {
        SplittableRandom random = new SplittableRandom(42);
        double[] edges = {0, 1, 0.005, 0.015, 0.125, 0.285, 0.995, 0.9949999, 1.005, -0.004, -0.5, 12.345, 99.995,
                Double.NaN, 1e20};
        for (double x : edges) {
            assertSame(x);
        }
        for (int i = 0; i < 200_000; i++) {
            assertSame(random.nextDouble() * (i % 2 == 0 ? 1 : 150));
            assertSame(Math.round(random.nextDouble() * 100_000) / 1000.0); // values with three decimals: halves
        }
    }

    private static void assertSame(double x) {
        assertEquals(String.format(Locale.ROOT, "%.2f", x), NameScorer.appendFixed2(new StringBuilder(), x).toString(),
                () -> "for " + x);
    }
}
