package dev.interdict.bench;

import dev.interdict.screening.RestrictedEntity;
import dev.interdict.screening.Screener;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

/** Index build time and retained heap for the full OFAC SDN list (+ Kaspersky): median of several builds. */
public final class IndexFootprint {
    public static void main(String[] args) throws Exception {
        List<RestrictedEntity> list = BenchData.fullList();
        int names = list.stream().mapToInt(e -> e.allNames().size()).sum();
        int runs = 7;
        long[] millis = new long[runs];
        long retained = 0;
        for (int r = 0; r < runs; r++) {
            long before = usedAfterGc();
            long t0 = System.nanoTime();
            Screener s = new Screener();
            s.upsertAll(list);
            millis[r] = (System.nanoTime() - t0) / 1_000_000;
            retained = usedAfterGc() - before;
            if (s.size() != list.size()) {
                throw new IllegalStateException("indexed " + s.size());
            }
            s = null;
        }
        java.util.Arrays.sort(millis);
        System.out.printf(Locale.ROOT, "entities %d, names %d: build median %d ms (min %d, max %d, first run included), retained heap %.1f MB%n",
                list.size(), names, millis[runs / 2], millis[0], millis[runs - 1], retained / 1e6);
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
