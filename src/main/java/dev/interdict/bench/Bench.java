package dev.interdict.bench;

import dev.interdict.app.InterdictApp;
import dev.interdict.app.InterdictConfig;
import dev.interdict.avro.LicenseRenewal;
import dev.interdict.avro.PurchaseOrder;
import dev.interdict.contract.AvroMapping;
import dev.interdict.embedded.EmbeddedKafka;
import dev.interdict.lists.ListFormat;
import dev.interdict.screening.RestrictedEntity;
import dev.interdict.serde.AvroSerdes;
import dev.interdict.serde.MockSchemaRegistryClient;
import dev.interdict.topology.EventWriter;
import dev.interdict.topology.InterdictSerdes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One benchmark run on the embedded broker: N events to 4-partition topics, then (a) a plain Kafka Streams
 * passthrough of the same topics (same serde, same guarantee) and (b) the Interdict topology with the OFAC SDN list
 * plus the Kaspersky entries, each timed from start to all input offsets committed; then end-to-end latency
 * (event produced → decision committed and visible to a read_committed consumer) at a fixed offered load, with heap
 * samples (a soak when long).
 */
public final class Bench {
    /** Settings of a run. */
    public record Settings(int events, int partitions, String guarantee, int offeredRate, Duration latencyRun,
                           Path sdnFile, String retroLookback, int threads, int warmUp, int rounds, PrintStream out) {
    }

    private final Settings s;
    private final String scope = "bench-" + ProcessHandle.current().pid();
    private final Map<String, Object> serdeConfig;

    public Bench(Settings settings) {
        this.s = settings;
        this.serdeConfig = Map.of("schema.registry.url", "mock://" + scope);
    }

    private <T extends SpecificRecord> Serde<T> serde(Class<T> type) {
        return AvroSerdes.forClass(type, serdeConfig);
    }

    public void run() throws Exception {
        PrintStream out = s.out();
        out.printf(Locale.ROOT, "retro-screening lookback: %s, stream threads: %d%n", s.retroLookback(), s.threads());
        out.printf(Locale.ROOT, "machine: %d cores, max heap %d MB, %s %s, JVM options %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                ManagementFactory.getRuntimeMXBean().getInputArguments());
        if (!fixedHeap()) {
            out.println("warning: the heap is not fixed and touched at start (java -Xms2g -Xmx2g -XX:+AlwaysPreTouch -jar"
                    + " ...): while the JVM grows its heap, the thread allocating into new memory takes the page faults,"
                    + " seconds of system time that fall on whichever application is running, and single rounds swing");
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().build().start()) {
            List<RestrictedEntity> list = loadList();
            for (String t : List.of("bench.po", "bench.lr", "bench.decisions", "bench.alerts", "bench.pass.po", "bench.pass.lr",
                    "bench.lat.po", "bench.lat.lr", "bench.lat.decisions", "bench.lat.alerts")) {
                kafka.createTopic(t, s.partitions(), Map.of());
            }
            kafka.createTopic("bench.list", 1, Map.of("cleanup.policy", "compact"));
            kafka.createTopic("bench.dlq", 1, Map.of());
            publishList(kafka, list);
            long t0 = System.nanoTime();
            produce(kafka, list);
            double produceSecs = (System.nanoTime() - t0) / 1e9;
            out.printf(Locale.ROOT, "produced %,d events (~5%% naming a listed party) in %.1f s%n", s.events(), produceSecs);

            // alternating, so that neither profits alone from a warm JVM; the warm-up rounds are not counted (the JIT
            // still recompiles in round 2: the passthrough ran at two thirds of its later speed there), and of the
            // others the round with the median ratio is reported (a round of 1M events takes seconds: one is noisy)
            List<Run[]> timed = new ArrayList<>();
            int warmUp = Math.max(0, s.warmUp());
            for (int round = 1; round <= warmUp + Math.max(1, s.rounds()); round++) {
                Run a = timePassthrough(kafka, round);
                Run b = timeInterdict(kafka, round);
                out.printf(Locale.ROOT, "round %d: (a) passthrough %,.0f events/s %.1f µs CPU/event, (b) interdict %,.0f "
                                + "events/s %.1f µs CPU/event, b/a %.2f%s%n", round, a.eventsPerSecond(), a.cpuMicrosPerEvent(),
                        b.eventsPerSecond(), b.cpuMicrosPerEvent(), b.eventsPerSecond() / a.eventsPerSecond(),
                        round <= warmUp ? " (warm-up)" : "");
                if (round > warmUp) {
                    timed.add(new Run[] {a, b});
                }
            }
            // an odd number of timed rounds has a true median; with an even number, the lower of the middle two
            timed.sort(java.util.Comparator.comparingDouble(r -> r[1].eventsPerSecond() / r[0].eventsPerSecond()));
            Run passthrough = timed.get((timed.size() - 1) / 2)[0];
            Run interdict = timed.get((timed.size() - 1) / 2)[1];
            out.printf(Locale.ROOT, "b/a of the timed rounds: %s; median round:%n", timed.stream()
                    .map(r -> String.format(Locale.ROOT, "%.2f", r[1].eventsPerSecond() / r[0].eventsPerSecond())).toList());
            out.printf(Locale.ROOT, "(a) passthrough:  %,.0f events/s, process CPU %.1f µs/event%n",
                    passthrough.eventsPerSecond(), passthrough.cpuMicrosPerEvent());
            out.printf(Locale.ROOT, "(b) interdict:    %,.0f events/s, process CPU %.1f µs/event   (list: %,d entities)%n",
                    interdict.eventsPerSecond(), interdict.cpuMicrosPerEvent(), list.size());
            out.printf(Locale.ROOT, "ratio b/a: %.2f%n", interdict.eventsPerSecond() / passthrough.eventsPerSecond());
            out.printf(Locale.ROOT, "heap after GC: %d MB%n", heapAfterGc() >> 20);
            latency(kafka, list);
        } finally {
            MockSchemaRegistryClient.dropScope(scope);
        }
    }

    /** Whether -Xms equals -Xmx and the heap is touched at start (the bench's recommended JVM options). */
    static boolean fixedHeap() {
        List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        String xms = null;
        String xmx = null;
        for (String a : args) {
            if (a.startsWith("-Xms")) {
                xms = a.substring(4);
            } else if (a.startsWith("-Xmx")) {
                xmx = a.substring(4);
            }
        }
        return xms != null && xms.equals(xmx) && args.contains("-XX:+AlwaysPreTouch");
    }

    private List<RestrictedEntity> loadList() throws Exception {
        return loadList(s.sdnFile(), s.out());
    }

    /** The OFAC SDN list of {@code sdnFile} (if readable) plus the Kaspersky entries of the demo. */
    static List<RestrictedEntity> loadList(Path sdnFile, PrintStream out) throws Exception {
        List<RestrictedEntity> list = new ArrayList<>();
        if (Files.isReadable(sdnFile)) {
            try (BufferedReader in = Files.newBufferedReader(sdnFile)) {
                list.addAll(ListFormat.OFAC_SDN.read(in, sdnFile.toString(), r -> { }));
            }
        } else {
            out.println("warning: " + sdnFile + " not found: only the Kaspersky entries are loaded");
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                Bench.class.getResourceAsStream("/demo/entities.jsonl")), StandardCharsets.UTF_8))) {
            list.addAll(ListFormat.JSONL.read(in, "kaspersky", r -> { }));
        }
        return list;
    }

    private KafkaProducer<String, byte[]> producer(EmbeddedKafka kafka) {
        return new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all",
                "linger.ms", "10", "batch.size", "262144"), new StringSerializer(), new ByteArraySerializer());
    }

    private void publishList(EmbeddedKafka kafka, List<RestrictedEntity> list) {
        var ser = serde(dev.interdict.avro.RestrictedEntity.class).serializer();
        try (KafkaProducer<String, byte[]> p = producer(kafka)) {
            for (RestrictedEntity e : list) {
                p.send(new ProducerRecord<>("bench.list", e.entityId(), ser.serialize("bench.list", AvroMapping.toAvro(e))));
            }
        }
    }

    private void produce(EmbeddedKafka kafka, List<RestrictedEntity> list) {
        BenchEvents gen = new BenchEvents(list, 42);
        EventWriter writer = new EventWriter("bench.po", "bench.lr", InterdictSerdes.from(InterdictSerdes.avro(serdeConfig)));
        try (KafkaProducer<String, byte[]> p = producer(kafka)) {
            for (long i = 0; i < s.events(); i++) {
                p.send(writer.record(gen.next(i)));
            }
        }
    }

    private Properties streamsProps(EmbeddedKafka kafka, String appId) throws Exception {
        Properties p = new Properties();
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, s.guarantee());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, String.valueOf(s.threads()));
        p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("bench-state").toString());
        p.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        return p;
    }

    /**
     * One timed run: events/s, and the CPU time of the whole process (broker, clients, Streams, GC, JIT) per event
     * over the same interval.
     */
    record Run(double eventsPerSecond, double cpuMicrosPerEvent) {
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** From RUNNING (startup is not counted) to the group's offsets committed at the end of the event topics. */
    private Run timeToCommitted(EmbeddedKafka kafka, KafkaStreams streams, String group) throws Exception {
        long t0 = awaitRunning(streams);
        long cpu0 = processCpuNanos();
        awaitCommitted(kafka, group, List.of("bench.po", "bench.lr"));
        Run run = new Run(s.events() / ((System.nanoTime() - t0) / 1e9), (processCpuNanos() - cpu0) / 1e3 / s.events());
        s.out().printf(Locale.ROOT, "  %s: stream thread time %s%n", group, threadTimeShares(streams));
        return run;
    }

    /**
     * Where the stream threads spent their time (Kafka Streams' thread metrics, averaged over the threads): polling,
     * processing, punctuating, committing. A thread that mostly waits in poll or commit is not CPU-bound.
     */
    private static String threadTimeShares(KafkaStreams streams) {
        Map<String, double[]> shares = new java.util.TreeMap<>();
        streams.metrics().forEach((name, metric) -> {
            if (name.group().equals("stream-thread-metrics") && name.name().endsWith("-ratio")
                    && metric.metricValue() instanceof Double v && !v.isNaN()) {
                double[] sum = shares.computeIfAbsent(name.name().replace("-ratio", ""), k -> new double[2]);
                sum[0] += v;
                sum[1]++;
            }
        });
        StringBuilder b = new StringBuilder();
        shares.forEach((k, v) -> b.append(String.format(Locale.ROOT, "%s %.0f%% ", k, 100 * v[0] / v[1])));
        return b.toString().trim();
    }

    private Run timePassthrough(EmbeddedKafka kafka, int round) throws Exception {
        StreamsBuilder b = new StreamsBuilder();
        Serde<PurchaseOrder> po = serde(PurchaseOrder.class);
        Serde<LicenseRenewal> lr = serde(LicenseRenewal.class);
        b.stream("bench.po", Consumed.with(Serdes.String(), po)).to("bench.pass.po", Produced.with(Serdes.String(), po));
        b.stream("bench.lr", Consumed.with(Serdes.String(), lr)).to("bench.pass.lr", Produced.with(Serdes.String(), lr));
        String id = "bench-passthrough-" + round;
        try (KafkaStreams streams = new KafkaStreams(b.build(), streamsProps(kafka, id))) {
            streams.start();
            return timeToCommitted(kafka, streams, id);
        }
    }

    private InterdictApp interdict(EmbeddedKafka kafka, String appId, String po, String lr, String decisions, String alerts)
            throws Exception {
        Map<String, String> cfg = new HashMap<>();
        streamsProps(kafka, appId).forEach((k, v) -> cfg.put(k.toString(), v.toString()));
        cfg.put("schema.registry.url", "mock://" + scope);
        cfg.put(InterdictConfig.TOPIC_PURCHASE_ORDERS, po);
        cfg.put(InterdictConfig.TOPIC_LICENSE_RENEWALS, lr);
        cfg.put(InterdictConfig.TOPIC_RESTRICTED_ENTITIES, "bench.list");
        cfg.put(InterdictConfig.TOPIC_DECISIONS, decisions);
        cfg.put(InterdictConfig.TOPIC_ALERTS, alerts);
        cfg.put(InterdictConfig.TOPIC_DLQ, "bench.dlq");
        cfg.put(InterdictConfig.METRICS_PORT, "-1");
        cfg.put(InterdictConfig.RETRO_LOOKBACK, s.retroLookback());
        return new InterdictApp(InterdictConfig.of(cfg), InterdictSerdes.avro(serdeConfig));
    }

    private Run timeInterdict(EmbeddedKafka kafka, int round) throws Exception {
        String id = "bench-interdict-" + round;
        try (InterdictApp app = interdict(kafka, id, "bench.po", "bench.lr", "bench.decisions", "bench.alerts")) {
            app.start();
            return timeToCommitted(kafka, app.streams(), id);
        }
    }

    /** Waits for RUNNING (for Interdict: the list restored) and returns the time: startup is not counted. */
    private static long awaitRunning(KafkaStreams streams) throws InterruptedException {
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (streams.state() == KafkaStreams.State.ERROR) {
                throw new IllegalStateException("streams failed");
            }
            Thread.sleep(5);
        }
        return System.nanoTime();
    }

    /** Waits until the group has committed the end offset of every partition of the topics. */
    private static void awaitCommitted(EmbeddedKafka kafka, String group, List<String> topics) throws Exception {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            Map<TopicPartition, OffsetSpec> spec = new HashMap<>();
            for (String t : topics) {
                admin.describeTopics(List.of(t)).allTopicNames().get().get(t).partitions()
                        .forEach(p -> spec.put(new TopicPartition(t, p.partition()), OffsetSpec.latest()));
            }
            Map<TopicPartition, Long> end = new HashMap<>();
            admin.listOffsets(spec).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                boolean done = end.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
                        && committed.get(e.getKey()).offset() >= e.getValue());
                if (done) {
                    return;
                }
                Thread.sleep(100);
            }
        }
    }

    private void latency(EmbeddedKafka kafka, List<RestrictedEntity> list) throws Exception {
        PrintStream out = s.out();
        Map<String, Long> sent = new ConcurrentHashMap<>();
        LatencyLog latencies = new LatencyLog();
        AtomicBoolean stop = new AtomicBoolean();
        List<long[]> heap = new ArrayList<>();
        try (InterdictApp app = interdict(kafka, "bench-latency", "bench.lat.po", "bench.lat.lr", "bench.lat.decisions",
                "bench.lat.alerts")) {
            app.start();
            if (!app.awaitRunning(Duration.ofSeconds(60))) {
                throw new IllegalStateException("the latency app did not start");
            }
            Thread reader = new Thread(() -> {
                try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                        "group.id", "bench-latency-reader", "auto.offset.reset", "earliest", "isolation.level", "read_committed"),
                        new StringDeserializer(), new ByteArrayDeserializer())) {
                    c.subscribe(List.of("bench.lat.decisions"));
                    while (!stop.get()) {
                        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(20))) {
                            long now = System.nanoTime();
                            Long t = sent.remove(r.key());
                            if (t != null) {
                                latencies.add(now - t);
                            }
                        }
                    }
                }
            }, "bench-latency-reader");
            reader.start();
            BenchEvents gen = new BenchEvents(list, 7);
            EventWriter writer = new EventWriter("bench.lat.po", "bench.lat.lr",
                    InterdictSerdes.from(InterdictSerdes.avro(serdeConfig)));
            long warmup = Duration.ofSeconds(5).toNanos();
            long total = s.latencyRun().toNanos() + warmup;
            long start = System.nanoTime();
            long nextHeap = start + warmup;
            long i = 0;
            try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                    "acks", "all", "linger.ms", "1"), new StringSerializer(), new ByteArraySerializer())) {
                while (System.nanoTime() - start < total) {
                    long due = start + i * 1_000_000_000L / s.offeredRate();
                    long now;
                    while ((now = System.nanoTime()) < due) {
                        Thread.onSpinWait();
                    }
                    ProducerRecord<String, byte[]> rec = writer.record(gen.next(i));
                    if (now - start >= warmup) {
                        sent.put(rec.key(), System.nanoTime());
                    }
                    p.send(rec);
                    i++;
                    if (now >= nextHeap) {
                        heap.add(new long[] {(now - start - warmup) / 1_000_000_000L, heapAfterLastGc() >> 20});
                        nextHeap = now + Duration.ofSeconds(30).toNanos();
                    }
                }
            }
            long drainUntil = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!sent.isEmpty() && System.nanoTime() < drainUntil) {
                Thread.sleep(50);
            }
            stop.set(true);
            reader.join();
            double seconds = (System.nanoTime() - start - warmup) / 1e9;
            out.printf(Locale.ROOT, "latency at %,d events/s offered for %d s (%,d measured, %,d unanswered): "
                            + "p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", s.offeredRate(), s.latencyRun().toSeconds(),
                    latencies.count(), sent.size(), latencies.percentileMillis(0.50), latencies.percentileMillis(0.99),
                    latencies.maxMillis());
            out.printf(Locale.ROOT, "heap after the last GC, every 30 s (s: MB): %s; after the run, after a full GC: %d MB%n",
                    heap.stream().map(h -> h[0] + ": " + h[1]).toList(), heapAfterGc() >> 20);
            if (seconds < 1) {
                out.println("(run too short)");
            }
        }
    }

    /** Heap in use right after the last collection (no GC forced: it would disturb the latency run). */
    static long heapAfterLastGc() {
        long used = 0;
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getCollectionUsage() != null) {
                used += pool.getCollectionUsage().getUsed();
            }
        }
        return used;
    }

    /**
     * Latencies counted in 0.1 ms buckets up to 60 s (2.4 MB, fixed): a soak's millions of samples must not grow the
     * heap the bench reports (a growable array of them did: 64 MB plus a sorted copy after 5 minutes).
     */
    static final class LatencyLog {
        private static final long BUCKET_NANOS = 100_000;
        private final int[] counts = new int[600_000];
        private long count;
        private long max;

        synchronized void add(long nanos) {
            counts[(int) Math.min(counts.length - 1, Math.max(0, nanos) / BUCKET_NANOS)]++;
            count++;
            max = Math.max(max, nanos);
        }

        synchronized long count() {
            return count;
        }

        synchronized double maxMillis() {
            return max / 1e6;
        }

        /** The upper bound of the bucket holding the p-th latency (ms), NaN when empty. */
        synchronized double percentileMillis(double p) {
            if (count == 0) {
                return Double.NaN;
            }
            long rank = Math.min(count - 1, (long) (p * count));
            long seen = 0;
            for (int b = 0; b < counts.length; b++) {
                seen += counts[b];
                if (seen > rank) {
                    return Math.min((b + 1) * BUCKET_NANOS, max) / 1e6;
                }
            }
            return maxMillis();
        }
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long heapAfterGc() {
        System.gc();
        return heapUsed();
    }

}
