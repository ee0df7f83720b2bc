package dev.interdict.ops;

import dev.interdict.screening.Alert;
import dev.interdict.screening.Decision;
import dev.interdict.screening.Screener;
import dev.interdict.topology.ScreeningObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Interdict's metrics in a Prometheus registry (Micrometer): events screened, decisions and alerts by verdict and
 * source list, dead letters, list size, list restore and update time, screening latency histogram; plus Kafka
 * Streams' own metrics and the JVM's. Also writes one INFO line per alert, with ids only (logger
 * {@code dev.interdict.alerts}).
 */
public final class InterdictMetrics implements ScreeningObserver, AutoCloseable {
    private static final Logger ALERTS = LoggerFactory.getLogger("dev.interdict.alerts");
    /** Dead letters are counted by the exception handlers, which Kafka Streams creates: they reach the registry here. */
    static final String DEAD_LETTERS = "interdict.dead.letters";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer screening;
    private final Timer listUpdates;
    private final AtomicLong listRestoreMillis = new AtomicLong(-1);
    private final Counter listSkipped;
    private final List<AutoCloseable> binders = new ArrayList<>();
    /** Meters of the hot path, looked up once (a registry lookup by name and tags costs more than the count). */
    private final java.util.Map<String, Counter> hot = new java.util.concurrent.ConcurrentHashMap<>();

    private final Counter[] eventsByType;
    private final Counter[] decisionsByVerdict;
    /** Alerts by verdict, then source list (a list's few source names: looked up by the same string instances). */
    @SuppressWarnings("unchecked")
    private final java.util.Map<String, Counter>[] alertsByVerdict =
            new java.util.Map[dev.interdict.screening.Verdict.values().length];

    public InterdictMetrics(Screener screener) {
        registry.config().meterFilter(ONE_STATE_ID_TAG);
        Metrics.addRegistry(registry);
        eventsByType = java.util.Arrays.stream(dev.interdict.screening.EventType.values())
                .map(t -> Counter.builder("interdict.events.screened").description("events screened")
                        .tag("type", t.wireName()).register(registry)).toArray(Counter[]::new);
        decisionsByVerdict = java.util.Arrays.stream(dev.interdict.screening.Verdict.values())
                .map(v -> Counter.builder("interdict.decisions").description("decisions by verdict")
                        .tag("verdict", v.name()).register(registry)).toArray(Counter[]::new);
        for (int v = 0; v < alertsByVerdict.length; v++) {
            alertsByVerdict[v] = new java.util.concurrent.ConcurrentHashMap<>();
        }
        screening = Timer.builder("interdict.screening").description("time to screen one event")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(500))
                .maximumExpectedValue(Duration.ofMillis(50)).register(registry);
        listUpdates = Timer.builder("interdict.list.updates").description("list records applied to the index")
                .register(registry);
        listSkipped = Counter.builder("interdict.list.records.skipped")
                .description("list records that are not valid entities (sent to the dead-letter topic)").register(registry);
        Gauge.builder("interdict.list.entities", screener, Screener::size).description("restricted entities indexed")
                .register(registry);
        Gauge.builder("interdict.list.restore.seconds", listRestoreMillis, v -> v.get() < 0 ? Double.NaN : v.get() / 1000.0)
                .description("time to index the list restored at start").register(registry);
        Counter.builder(DEAD_LETTERS).tag("stage", "deserialization").register(registry);
        Counter.builder(DEAD_LETTERS).tag("stage", "processing").register(registry);
        Counter.builder(DEAD_LETTERS).tag("stage", "production").register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        binders.add(gc);
    }

    /**
     * Kafka Streams tags a store's metrics by store type ({@code in-memory-state-id}, {@code rocksdb-state-id}, ...);
     * Prometheus refuses a second set of tag keys under one metric name, so the metrics of whichever kind of store
     * registered second were missing. Here every store has {@code state-id} plus {@code store-type}.
     */
    static final MeterFilter ONE_STATE_ID_TAG = new MeterFilter() {
        @Override
        public Meter.Id map(Meter.Id id) {
            for (Tag t : id.getTagsAsIterable()) {
                String key = t.getKey();
                if (key.endsWith("-state-id") && !key.equals("state-id")) {
                    List<Tag> tags = new ArrayList<>();
                    for (Tag other : id.getTagsAsIterable()) {
                        if (other != t) {
                            tags.add(other);
                        }
                    }
                    tags.add(Tag.of("state-id", t.getValue()));
                    tags.add(Tag.of("store-type", key.substring(0, key.length() - "-state-id".length())));
                    return id.replaceTags(tags);
                }
            }
            return id;
        }
    };

    /** {@code interdict_screening_held}: 1 while screening is paused because no restricted entity is loaded. */
    public void screeningHeld(java.util.function.BooleanSupplier held) {
        Gauge.builder("interdict.screening.held", held, h -> h.getAsBoolean() ? 1 : 0)
                .description("1 while screening is held because no restricted entity is loaded, else 0").strongReference(true)
                .register(registry);
    }

    /** Adds a Streams instance's own metrics (client, thread, task, store). */
    public void bind(KafkaStreams streams) {
        KafkaStreamsMetrics m = new KafkaStreamsMetrics(streams);
        m.bindTo(registry);
        binders.add(m);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Counts a dead letter (called by the exception handlers). */
    public static void deadLetter(String stage) {
        Metrics.globalRegistry.counter(DEAD_LETTERS, "stage", stage).increment();
    }

    @Override
    public void screened(Decision d, long nanos) {
        if (nanos >= 0) {
            screening.record(nanos, TimeUnit.NANOSECONDS);
        }
        eventsByType[d.eventType().ordinal()].increment();
        decisionsByVerdict[d.verdict().ordinal()].increment();
        for (Alert a : d.alerts()) {
            java.util.Map<String, Counter> bySource = alertsByVerdict[a.verdict().ordinal()];
            Counter c = bySource.get(a.source());
            if (c == null) {
                c = bySource.computeIfAbsent(a.source(), source -> registry.counter(
                        "interdict.alerts", "verdict", a.verdict().name(), "source", source));
            }
            c.increment();
            if (ALERTS.isInfoEnabled()) { // off by default: no argument array per alert
                ALERTS.info("alert alertId={} eventId={} entityId={} verdict={} activity={} field={}", a.alertId(),
                        a.eventId(), a.entityId(), a.verdict(), a.activity(), a.matchedField());
            }
        }
    }

    private Counter counter(String name, String... tags) {
        String key = name + '|' + String.join("|", tags);
        Counter c = hot.get(key);
        if (c == null) {
            c = registry.counter(name, tags);
            hot.put(key, c);
        }
        return c;
    }

    @Override
    public void retroAlert() {
        counter("interdict.retro.alerts").increment();
    }

    @Override
    public void retroRecordsRead(long records) {
        counter("interdict.retro.records.read").increment(records);
    }

    @Override
    public void retroJobDone(int entities, long rangesRead, long textsProbed, long recordsRead, long alerts,
                             long nanos) {
        counter("interdict.retro.jobs").increment();
        counter("interdict.retro.texts.probed").increment(textsProbed);
        counter("interdict.retro.ranges.read").increment(rangesRead);
        Timer.builder("interdict.retro.job").description("time from a list change to its retro alerts, per task")
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void listRecordUnchanged() {
        counter("interdict.list.records.unchanged").increment();
    }

    /** {@code interdict_retro_list_changes}: entities with a change kept for retro-screening (one entry each). */
    public void listChanges(java.util.function.IntSupplier size) {
        Gauge.builder("interdict.retro.list.changes", size, s -> s.getAsInt())
                .description("entities with a list change kept for retro-screening (at most one entry each)")
                .strongReference(true).register(registry);
    }

    @Override
    public void listRestored(int entities, long nanos) {
        listRestoreMillis.set(TimeUnit.NANOSECONDS.toMillis(nanos));
    }

    @Override
    public void listUpdated(boolean removed, long nanos) {
        listUpdates.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void listRecordSkipped() {
        listSkipped.increment();
    }

    @Override
    public void close() {
        for (AutoCloseable b : binders) {
            try {
                b.close();
            } catch (Exception ignored) {
                // closing metrics binders must not stop a shutdown
            }
        }
        Metrics.removeRegistry(registry);
        registry.close();
    }
}
