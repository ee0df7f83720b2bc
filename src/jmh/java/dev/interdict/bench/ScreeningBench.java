package dev.interdict.bench;

import dev.interdict.screening.Decision;
import dev.interdict.screening.RestrictedEntity;
import dev.interdict.screening.ScreeningEvent;
import dev.interdict.screening.Screener;
import dev.interdict.screening.names.MatcherConfig;
import dev.interdict.screening.names.NameIndexes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Time to screen one event (supplier or vendor name, manufacturer or publisher, product name: about four name
 * lookups) against the full OFAC SDN list plus Kaspersky (~15,000 entities), and against its first 1,000 entities;
 * {@code -p entities=gen15000,gen100000,gen500000}: against a generated list of that many entities
 * ({@link ListGenerator}, ~2 names each) with 2,000 generated events (10 % naming a listed entity).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class ScreeningBench {
    @Param({"1000", "full"})
    public String entities;

    /** true: the name index's per-text answer cache (names repeat in real streams); false: every lookup in full. */
    @Param({"true", "false"})
    public boolean cache;

    /** true: purchase-order lines also carry a description (scanned for listed names and brands); false: as before. */
    @Param({"false", "true"})
    public boolean descriptions;

    private Screener screener;
    private List<ScreeningEvent> events;
    private int next;

    @Setup(Level.Trial)
    public void load() throws Exception {
        if (entities.startsWith("gen")) { // gen100000: a generated list of that many entities (ListScaleBench)
            String size = entities.substring(3);
            List<RestrictedEntity> list = ListScaleBench.list(size);
            screener = new Screener(cache ? NameIndexes.newIndex(MatcherConfig.DEFAULT)
                    : NameIndexes.newUncachedIndex(MatcherConfig.DEFAULT));
            screener.upsertAll(list);
            events = ListScaleBench.events(size, list);
            return;
        }
        List<RestrictedEntity> list = BenchData.fullList();
        if (!entities.equals("full")) {
            int n = Integer.parseInt(entities);
            List<RestrictedEntity> subset = new java.util.ArrayList<>(list.subList(0, n - 4));
            subset.addAll(list.subList(list.size() - 4, list.size())); // keep the Kaspersky entries
            list = subset;
        }
        screener = new Screener(cache ? NameIndexes.newIndex(MatcherConfig.DEFAULT)
                : NameIndexes.newUncachedIndex(MatcherConfig.DEFAULT));
        screener.upsertAll(list);
        events = BenchData.events(descriptions);
    }

    @Benchmark
    public Decision screenOneEvent() {
        ScreeningEvent e = events.get(next);
        next = next + 1 == events.size() ? 0 : next + 1;
        return screener.screen(e);
    }
}
