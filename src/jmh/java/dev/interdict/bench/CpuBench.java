package dev.interdict.bench;

import dev.interdict.screening.*;
import dev.interdict.screening.names.*;
import java.lang.management.ManagementFactory;
import java.util.*;

public class CpuBench {
    public static void main(String[] a) throws Exception {
        var mx = ManagementFactory.getThreadMXBean();
        Screener s = new Screener(NameIndexes.newUncachedIndex(MatcherConfig.DEFAULT));
        s.upsertAll(BenchData.fullList());
        List<ScreeningEvent> ev = BenchData.events();
        long sink = 0;
        for (int i = 0; i < 300_000; i++) sink += s.screen(ev.get(i % ev.size())).alerts().size();
        double[] r = new double[25];
        for (int b = 0; b < r.length; b++) {
            long t0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < 20_000; i++) sink += s.screen(ev.get(i % ev.size())).alerts().size();
            r[b] = (mx.getCurrentThreadCpuTime() - t0) / 20_000.0 / 1000.0;
        }
        Arrays.sort(r);
        System.out.printf("CPU us/event median %.2f min %.2f max %.2f (sink %d)%n", r[r.length / 2], r[0], r[r.length - 1], sink);
    }
}
