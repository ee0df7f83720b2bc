package dev.interdict.bench;

import dev.interdict.app.InterdictApp;
import dev.interdict.app.InterdictConfig;
import dev.interdict.contract.AvroMapping;
import dev.interdict.embedded.EmbeddedKafka;
import dev.interdict.screening.RestrictedEntity;
import dev.interdict.screening.ScreeningEvent;
import dev.interdict.screening.Screener;
import dev.interdict.screening.names.MatcherConfig;
import dev.interdict.screening.names.NameIndexes;
import dev.interdict.serde.AvroSerdes;
import dev.interdict.serde.MockSchemaRegistryClient;
import dev.interdict.topology.InterdictSerdes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the list scales: for each list size, index build time, retained heap of the index, restore time of the list
 * from a compacted topic on the embedded broker into a running Interdict app, and the uncached screening time per
 * event. A size is {@code ofac} (the OFAC SDN file + Kaspersky) or a number of generated entities
 * ({@link ListGenerator}, seed 42, about two names each).
 *
 * <pre>
 * mvn -B -q -Pbench -DskipTests test-compile exec:exec -Dbench.jvm=-Xmx3g \
 *     -Dbench.main=dev.interdict.bench.ListScaleBench "-Dbench.args=ofac 15000 100000 500000"
 * </pre>
 * Phases can be chosen with {@code --phases=index,screen,restore} before the sizes.
 */
public final class ListScaleBench {
    private static final long SEED = 42;
    /** Print the top of a class histogram of the heap after the last build. */
    private static boolean histogram;

    public static void main(String[] args) throws Exception {
        List<String> phases = List.of("index", "screen", "restore");
        List<String> sizes = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("--phases=")) {
                phases = List.of(a.substring(9).split(","));
            } else if (a.equals("--histogram")) {
                histogram = true;
            } else if (a.startsWith("--sample=")) {
                sample(Integer.parseInt(a.substring(9)));
                return;
            } else {
                sizes.add(a);
            }
        }
        if (sizes.isEmpty()) {
            sizes = List.of("ofac", "15000", "100000", "500000");
        }
        System.out.printf(Locale.ROOT, "machine: %d cores, max heap %d MB, %s %s, load average %.2f%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        for (String size : sizes) {
            for (String phase : phases) {
                switch (phase) {
                    case "index" -> index(size);
                    case "screen" -> screen(size);
                    case "restore" -> restore(size);
                    default -> throw new IllegalArgumentException("phase " + phase);
                }
            }
        }
    }

    static List<RestrictedEntity> list(String size) throws Exception {
        return size.equals("ofac") ? BenchData.fullList() : new ListGenerator(SEED).entities(Integer.parseInt(size));
    }

    static List<ScreeningEvent> events(String size, List<RestrictedEntity> list) {
        return events(size, list, new ListGenerator(SEED));
    }

    /** The events; afterwards {@code generator.planted()} tells which name a listed entity on purpose. */
    private static List<ScreeningEvent> events(String size, List<RestrictedEntity> list, ListGenerator generator) {
        return size.equals("ofac") ? BenchData.events() : generator.events(list, 2_000, 10);
    }

    private static void sample(int n) {
        for (RestrictedEntity e : new ListGenerator(SEED).entities(n)) {
            System.out.println(e.entityId() + " | " + e.name() + " | " + e.aliases() + " | " + e.country() + " | "
                    + e.restrictions());
        }
    }

    private static int names(List<RestrictedEntity> list) {
        return list.stream().mapToInt(e -> 1 + e.aliases().size()).sum();
    }

    /** Build time (median of the builds) and the heap the index retains after a full GC. */
    private static void index(String size) throws Exception {
        List<RestrictedEntity> list = list(size);
        int runs = list.size() >= 300_000 ? 2 : list.size() >= 50_000 ? 3 : 5;
        long[] millis = new long[runs];
        long[] cpuMillis = new long[runs];
        var threads = ManagementFactory.getThreadMXBean();
        long retained = 0;
        for (int r = 0; r < runs; r++) {
            Screener s = null;
            long before = usedAfterGc();
            long t0 = System.nanoTime();
            long c0 = threads.getCurrentThreadCpuTime();
            s = new Screener();
            s.upsertAll(list);
            millis[r] = (System.nanoTime() - t0) / 1_000_000;
            cpuMillis[r] = (threads.getCurrentThreadCpuTime() - c0) / 1_000_000;
            retained = usedAfterGc() - before;
            if (s.size() != list.size()) {
                throw new IllegalStateException("indexed " + s.size());
            }
            System.out.printf(Locale.ROOT, "  [%s] build %d: %,d ms (thread CPU %,d ms), retained %.1f MB%n", size, r + 1,
                    millis[r], cpuMillis[r], retained / 1e6);
            if (histogram && r == runs - 1) {
                String h = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                        new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                        new Object[] {null}, new String[] {String[].class.getName()});
                h.lines().limit(28).forEach(System.out::println);
            }
            s = null;
        }
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        long[] cpuSorted = cpuMillis.clone();
        Arrays.sort(cpuSorted);
        System.out.printf(Locale.ROOT, "INDEX %s: %,d entities, %,d names: build median %,d ms, thread CPU %,d ms (runs %s)"
                        + ", retained heap %.1f MB (entity objects shared with the list not counted)%n", size, list.size(),
                names(list), sorted[(runs - 1) / 2], cpuSorted[(runs - 1) / 2], Arrays.toString(millis), retained / 1e6);
    }

    /**
     * Uncached screening time per event: every lookup in full. Warm-up 8 s over the events, then each event timed on
     * its own (System.nanoTime around one screen call) for 5 passes; median, mean and p99.
     */
    private static void screen(String size) throws Exception {
        List<RestrictedEntity> list = list(size);
        Screener s = new Screener(NameIndexes.newUncachedIndex(MatcherConfig.DEFAULT));
        s.upsertAll(list);
        ListGenerator generator = new ListGenerator(SEED);
        List<ScreeningEvent> events = events(size, list, generator);
        java.util.Map<String, String> planted = generator.planted();
        java.util.Map<String, List<String>> namesOf = new java.util.HashMap<>();
        if (Boolean.getBoolean("show.misses")) {
            for (RestrictedEntity e : list) {
                namesOf.put(e.entityId(), e.allNames());
            }
        }
        list = null;
        int found = 0;
        for (ScreeningEvent e : events) {
            String entityId = planted.get(e.eventId());
            if (entityId != null && s.names().matchParty(e.names().get(0).value()).stream()
                    .anyMatch(h -> h.entityId().equals(entityId))) {
                found++;
            } else if (entityId != null && Boolean.getBoolean("show.misses")) {
                System.out.println("  MISS " + e.names().get(0).value() + " | " + namesOf.get(entityId) + " | "
                        + s.names().matchParty(e.names().get(0).value()));
            }
        }
        if (!planted.isEmpty()) {
            System.out.printf(Locale.ROOT, "  [%s] events naming a listed entity (exactly or varied): %d, whose entity the"
                    + " supplier's name finds (MATCH or REVIEW): %d%n", size, planted.size(), found);
        }
        java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
        String dump = System.getProperty("dump.decisions"); // a file: one line per alert, to compare two versions
        try (java.io.PrintWriter out = dump == null ? null : new java.io.PrintWriter(dump, "UTF-8")) {
            for (ScreeningEvent e : events) {
                var d = s.screen(e);
                digest.update(d.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                if (out != null) {
                    for (var a : d.alerts()) {
                        out.println(e.eventId() + "\t" + a.matchedValue() + "\t" + a.matchedName() + "\t" + a.verdict()
                                + "\t" + String.format(Locale.ROOT, "%.3f", a.score()) + "\t" + a.matchedField());
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "  [%s] digest of the decisions: %s%n", size,
                java.util.HexFormat.of().formatHex(digest.digest()).substring(0, 16));
        long end = System.nanoTime() + Long.getLong("warmup.seconds", 8) * 1_000_000_000L;
        long sink = 0;
        while (System.nanoTime() < end) {
            for (ScreeningEvent e : events) {
                sink += s.screen(e).alerts().size();
            }
        }
        int passes = 5;
        long[] t = new long[passes * events.size()];
        long[] latin = new long[t.length];
        long[] other = new long[t.length];
        int k = 0;
        int nl = 0;
        int no = 0;
        int flagged = 0;
        for (int p = 0; p < passes; p++) {
            for (ScreeningEvent e : events) {
                long t0 = System.nanoTime();
                var d = s.screen(e);
                long dt = System.nanoTime() - t0;
                t[k++] = dt;
                if (e.names().get(0).value().chars().allMatch(c -> c < 128)) {
                    latin[nl++] = dt;
                } else {
                    other[no++] = dt;
                }
                if (p == 0 && !d.alerts().isEmpty()) {
                    flagged++;
                }
            }
        }
        latin = Arrays.copyOf(latin, nl);
        other = Arrays.copyOf(other, no);
        Arrays.sort(latin);
        Arrays.sort(other);
        System.out.printf(Locale.ROOT, "  [%s] median by the supplier's script: ASCII %.2f µs (%d%%), other %.2f µs%n", size,
                nl == 0 ? 0 : latin[nl / 2] / 1e3, 100 * nl / t.length, no == 0 ? 0 : other[no / 2] / 1e3);
        double mean = Arrays.stream(t).average().orElse(0) / 1e3;
        Arrays.sort(t);
        System.out.printf(Locale.ROOT, "SCREEN %s: %,d events (%d with an alert), uncached: median %.2f µs, mean %.2f µs,"
                        + " p90 %.1f µs, p99 %.1f µs (sink %d)%n", size, events.size(), flagged, t[t.length / 2] / 1e3,
                mean, t[t.length * 9 / 10] / 1e3, t[t.length * 99 / 100] / 1e3, sink);
    }

    /**
     * The list published to a compacted topic on the embedded broker, then an Interdict app started on it: time from
     * start until it is RUNNING with every entity indexed (start() returns once the global thread has restored the
     * list; the list gate then resumes screening).
     */
    private static void restore(String size) throws Exception {
        String scope = "scale-" + ProcessHandle.current().pid() + "-" + size;
        Map<String, Object> serdeConfig = Map.of("schema.registry.url", "mock://" + scope);
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().build().start()) {
            for (String t : List.of("scale.po", "scale.lr", "scale.decisions", "scale.alerts")) {
                kafka.createTopic(t, 4, Map.of());
            }
            kafka.createTopic("scale.list", 1, Map.of("cleanup.policy", "compact"));
            kafka.createTopic("scale.dlq", 1, Map.of());
            int expected;
            long published;
            {
                List<RestrictedEntity> list = list(size);
                expected = list.size();
                long t0 = System.nanoTime();
                Serializer<dev.interdict.avro.RestrictedEntity> ser = AvroSerdes
                        .forClass(dev.interdict.avro.RestrictedEntity.class, serdeConfig).serializer();
                try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers",
                        kafka.bootstrapServers(), "acks", "all", "linger.ms", "10", "batch.size", "262144"),
                        new StringSerializer(), new ByteArraySerializer())) {
                    for (RestrictedEntity e : list) {
                        p.send(new ProducerRecord<>("scale.list", e.entityId(),
                                ser.serialize("scale.list", AvroMapping.toAvro(e))));
                    }
                }
                published = (System.nanoTime() - t0) / 1_000_000;
            }
            long baseline = usedAfterGc();
            Map<String, String> cfg = new HashMap<>();
            cfg.put("bootstrap.servers", kafka.bootstrapServers());
            cfg.put("application.id", "scale-" + size);
            cfg.put("state.dir", Files.createTempDirectory("scale-state").toString());
            cfg.put("consumer.auto.offset.reset", "earliest");
            cfg.put("schema.registry.url", "mock://" + scope);
            cfg.put(InterdictConfig.TOPIC_PURCHASE_ORDERS, "scale.po");
            cfg.put(InterdictConfig.TOPIC_LICENSE_RENEWALS, "scale.lr");
            cfg.put(InterdictConfig.TOPIC_RESTRICTED_ENTITIES, "scale.list");
            cfg.put(InterdictConfig.TOPIC_DECISIONS, "scale.decisions");
            cfg.put(InterdictConfig.TOPIC_ALERTS, "scale.alerts");
            cfg.put(InterdictConfig.TOPIC_DLQ, "scale.dlq");
            cfg.put(InterdictConfig.METRICS_PORT, "-1");
            long t0 = System.nanoTime();
            long cpu0 = processCpuNanos();
            try (InterdictApp app = new InterdictApp(InterdictConfig.of(cfg), InterdictSerdes.avro(serdeConfig))) {
                app.start(); // returns once the global thread has restored (and indexed) the list
                long started = System.nanoTime();
                while (app.streams().state() != KafkaStreams.State.RUNNING || app.screener().size() < expected) {
                    if (app.streams().state() == KafkaStreams.State.ERROR) {
                        throw new IllegalStateException("streams failed");
                    }
                    Thread.sleep(5);
                }
                long running = System.nanoTime();
                long cpu = processCpuNanos() - cpu0;
                long globalCpu = 0;
                var threads = ManagementFactory.getThreadMXBean();
                for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
                    if (info != null && info.getThreadName().endsWith("-GlobalStreamThread")) {
                        globalCpu = threads.getThreadCpuTime(info.getThreadId());
                    }
                }
                long heap = usedAfterGc() - baseline;
                System.out.printf(Locale.ROOT, "RESTORE %s: %,d entities (published in %,d ms): start() returned after %,d ms,"
                                + " RUNNING with %,d indexed after %,d ms (CPU: global thread %,d ms, process %,d ms, load"
                                + " average %.1f); app heap after GC %.1f MB (index, entities, global store)%n", size,
                        expected, published, (started - t0) / 1_000_000, app.screener().size(),
                        (running - t0) / 1_000_000, globalCpu / 1_000_000, cpu / 1_000_000,
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), heap / 1e6);
            }
        } finally {
            MockSchemaRegistryClient.dropScope(scope);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
