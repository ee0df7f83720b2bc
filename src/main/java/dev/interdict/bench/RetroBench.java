package dev.interdict.bench;

import dev.interdict.app.InterdictApp;
import dev.interdict.app.InterdictConfig;
import dev.interdict.contract.AvroMapping;
import dev.interdict.embedded.EmbeddedKafka;
import dev.interdict.screening.Activity;
import dev.interdict.screening.RestrictedEntity;
import dev.interdict.screening.Restriction;
import dev.interdict.serde.AvroSerdes;
import dev.interdict.serde.MockSchemaRegistryClient;
import dev.interdict.topology.EventWriter;
import dev.interdict.topology.InterdictSerdes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Retro-screening at production scale (issue 13), on the embedded broker, for each history size N in one run: the
 * OFAC SDN list plus Kaspersky is published, N events fill the lookback (event times spread over the 80 days before
 * the first fresh event), Interdict screens them; then, while fresh events are offered at a steady rate and their
 * latency (produced → decision committed and visible to a read_committed consumer) is logged per step:
 * <ol>
 *   <li>baseline: no list change;</li>
 *   <li>(a) one new entity ("Zentrix Holdings", ANY from 2000-01-01) that names the supplier or vendor of 1 % of the
 *       history: time from publishing it to all N/100 retro alerts on the alerts topic;</li>
 *   <li>(a2) one new entity ("Quorvex Trading") that names a fixed 1,000 events of the history, whatever N: a cost
 *       that follows the matching events, not N, is the same at every N;</li>
 *   <li>(b) the whole list republished unchanged: no read-back, no job, the change log does not grow;</li>
 *   <li>(c) the application closed and started again on the same state directory and application.id: start to the
 *       first decision of an event produced after the close, and fresh latency after that.</li>
 * </ol>
 * Read-back counts, jobs, probes and the change log's size come from Interdict's own metrics.
 */
public final class RetroBench {
    /** Settings of a run. */
    public record Settings(List<Integer> sizes, int partitions, int rate, Duration baseline, Duration step,
                           Duration afterRestart, Path sdnFile, String retroLookback, int threads, PrintStream out) {
    }

    /** The supplier of 1 % of the history (a made-up name, on no list until step a). */
    static final String ZENTRIX = "Zentrix Holdings";
    /** The supplier of a fixed 1,000 events of the history (made up too; step a2). */
    static final String QUORVEX = "Quorvex Trading";
    static final int FIXED_MATCHES = 1_000;
    /** Event time of the first fresh event; the history spans the {@link #HISTORY_SPAN} before it. */
    private static final Instant T0 = Instant.parse("2024-09-01T00:00:00Z");
    private static final Duration HISTORY_SPAN = Duration.ofDays(80);

    private final Settings s;
    private final String scope = "retro-bench-" + ProcessHandle.current().pid();
    private final Map<String, Object> serdeConfig;

    public RetroBench(Settings settings) {
        this.s = settings;
        this.serdeConfig = Map.of("schema.registry.url", "mock://" + scope);
    }

    /** Fresh-event latencies of one window, and what else the step measured. */
    static final class Step {
        final String name;
        final Bench.LatencyLog latency = new Bench.LatencyLog();
        /** The same events, their decisions read read_uncommitted: written, whether or not their transaction is committed. */
        final Bench.LatencyLog uncommitted = new Bench.LatencyLog();
        final Map<String, String> facts = new LinkedHashMap<>();

        Step(String name) {
            this.name = name;
        }
    }

    public void run() throws Exception {
        PrintStream out = s.out();
        out.printf(Locale.ROOT, "retro bench: history sizes %s, %d partitions, fresh events at %,d/s, lookback %s, "
                        + "stream threads %d%n", s.sizes(), s.partitions(), s.rate(), s.retroLookback(), s.threads());
        out.printf(Locale.ROOT, "machine: %d cores, max heap %d MB, %s %s, JVM options %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                ManagementFactory.getRuntimeMXBean().getInputArguments());
        if (!Bench.fixedHeap()) {
            out.println("warning: the heap is not fixed and touched at start (java -Xms2g -Xmx2g -XX:+AlwaysPreTouch)");
        }
        Map<Integer, List<Step>> results = new LinkedHashMap<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().build().start()) {
            List<RestrictedEntity> list = Bench.loadList(s.sdnFile(), out);
            for (int n : s.sizes()) {
                results.put(n, runOne(kafka, list, n));
                summary(results);
            }
        } finally {
            MockSchemaRegistryClient.dropScope(scope);
        }
    }

    private void summary(Map<Integer, List<Step>> results) {
        PrintStream out = s.out();
        out.println();
        out.println("| N | step | fresh events | p50 ms | p99 ms | max ms | p99 / max ms written (read_uncommitted) | measured |");
        out.println("|---|---|---|---|---|---|---|---|");
        results.forEach((n, steps) -> {
            for (Step st : steps) {
                out.printf(Locale.ROOT, "| %,d | %s | %,d | %.1f | %.1f | %.1f | %.1f / %.1f | %s |%n", n, st.name,
                        st.latency.count(), st.latency.percentileMillis(0.5), st.latency.percentileMillis(0.99),
                        st.latency.maxMillis(), st.uncommitted.percentileMillis(0.99), st.uncommitted.maxMillis(),
                        String.join("; ", st.facts.entrySet().stream()
                                .map(e -> e.getKey() + " " + e.getValue()).toList()));
            }
        });
        out.println();
    }

    private KafkaProducer<String, byte[]> producer(EmbeddedKafka kafka, String linger) {
        return new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all",
                "linger.ms", linger, "batch.size", "262144"), new StringSerializer(), new ByteArraySerializer());
    }

    private void publish(EmbeddedKafka kafka, String topic, List<RestrictedEntity> entities) {
        var ser = AvroSerdes.forClass(dev.interdict.avro.RestrictedEntity.class, serdeConfig).serializer();
        try (KafkaProducer<String, byte[]> p = producer(kafka, "10")) {
            for (RestrictedEntity e : entities) {
                p.send(new ProducerRecord<>(topic, e.entityId(), ser.serialize(topic, AvroMapping.toAvro(e))));
            }
        }
    }

    static RestrictedEntity madeUp(String id, String name) {
        return new RestrictedEntity(id, name, List.of(), List.of(), "XX", "Retro bench", "made up for the retro bench",
                List.of(new Restriction(Activity.ANY, Instant.parse("2000-01-01T00:00:00Z"), null)));
    }

    /** The n-th of N history events names Zentrix for n % 100 == 0, Quorvex for a fixed 1,000 of them. */
    static String historyParty(long i, long n, BenchEvents gen) {
        if (i % 100 == 0) {
            return ZENTRIX;
        }
        long every = Math.max(1, n / FIXED_MATCHES);
        if (i % every == 7 % every && i / every < FIXED_MATCHES) {
            return QUORVEX;
        }
        return gen.party();
    }

    private List<Step> runOne(EmbeddedKafka kafka, List<RestrictedEntity> list, int n) throws Exception {
        PrintStream out = s.out();
        String p = "retro" + n;
        String po = p + ".po";
        String lr = p + ".lr";
        String decisions = p + ".decisions";
        String alerts = p + ".alerts";
        String listTopic = p + ".list";
        for (String t : List.of(po, lr, decisions, alerts)) {
            kafka.createTopic(t, s.partitions(), Map.of());
        }
        kafka.createTopic(listTopic, 1, Map.of("cleanup.policy", "compact"));
        kafka.createTopic(p + ".dlq", 1, Map.of());
        publish(kafka, listTopic, list);

        // the history: N events over the 80 days before T0, in time order
        BenchEvents gen = new BenchEvents(list, 42);
        EventWriter writer = new EventWriter(po, lr, InterdictSerdes.from(InterdictSerdes.avro(serdeConfig)));
        long zentrix = 0;
        long quorvex = 0;
        long t0 = System.nanoTime();
        try (KafkaProducer<String, byte[]> prod = producer(kafka, "10")) {
            long span = HISTORY_SPAN.toMillis();
            for (long i = 0; i < n; i++) {
                String party = historyParty(i, n, gen);
                zentrix += party == ZENTRIX ? 1 : 0;
                quorvex += party == QUORVEX ? 1 : 0;
                Instant t = T0.minusMillis(span - i * span / n);
                prod.send(writer.record(BenchEvents.event(i, String.format(Locale.ROOT, "h%d-%09d", n, i), party,
                        gen.maker(), t)));
            }
        }
        out.printf(Locale.ROOT, "%n=== N = %,d: history produced in %.1f s (%,d name %s, %,d name %s)%n", n,
                (System.nanoTime() - t0) / 1e9, zentrix, ZENTRIX, quorvex, QUORVEX);

        String appId = "bench-retro-" + n;
        Path stateDir = Files.createTempDirectory("retro-bench-state");
        InterdictApp app = interdict(kafka, appId, stateDir, p);
        long start = System.nanoTime();
        app.start();
        if (!app.awaitRunning(Duration.ofSeconds(120))) {
            throw new IllegalStateException("Interdict did not start");
        }
        long running = System.nanoTime();
        awaitCommitted(kafka, appId, List.of(po, lr));
        long screened = System.nanoTime();
        out.printf(Locale.ROOT, "history screened: started in %.1f s, %,d events in %.1f s (%,.0f events/s)%n",
                (running - start) / 1e9, n, (screened - running) / 1e9, n / ((screened - running) / 1e9));

        List<Step> steps = new ArrayList<>();
        Fresh fresh = new Fresh(kafka, list, po, lr, decisions, alerts, n);
        RestrictedEntity zentrixEntity = madeUp("retro-bench-zentrix", ZENTRIX);
        RestrictedEntity quorvexEntity = madeUp("retro-bench-quorvex", QUORVEX);
        try {
            fresh.start();

            Step baseline = fresh.window(new Step("baseline (no change)"));
            steps.add(baseline);
            Thread.sleep(s.baseline().toMillis());
            threadShares(app, baseline);

            steps.add(change(kafka, app, fresh, "(a) entity matching 1 % of N", listTopic, zentrixEntity, zentrix));
            steps.add(change(kafka, app, fresh, "(a2) entity matching 1,000 events", listTopic, quorvexEntity, quorvex));

            // (b) the whole list republished, unchanged
            Step b = fresh.window(new Step("(b) republish unchanged"));
            steps.add(b);
            Metrics before = Metrics.of(app);
            List<RestrictedEntity> all = new ArrayList<>(list);
            all.add(zentrixEntity);
            all.add(quorvexEntity);
            long tb = System.nanoTime();
            publish(kafka, listTopic, all);
            while (Metrics.of(app).unchanged - before.unchanged < all.size()) {
                Thread.sleep(20);
            }
            double applied = (System.nanoTime() - tb) / 1e9;
            Thread.sleep(s.step().toMillis()); // housekeeping looks for changes every second: a job would start here
            Metrics after = Metrics.of(app);
            threadShares(app, b);
            b.facts.put("list records republished", String.format(Locale.ROOT, "%,d (applied in %.1f s)", all.size(),
                    applied));
            b.facts.put("unchanged", String.format(Locale.ROOT, "%,.0f", after.unchanged - before.unchanged));
            b.facts.put("records read back", String.format(Locale.ROOT, "%,.0f", after.recordsRead - before.recordsRead));
            b.facts.put("jobs", String.format(Locale.ROOT, "%,.0f", after.jobs - before.jobs));
            b.facts.put("change log", String.format(Locale.ROOT, "%,.0f -> %,.0f entries", before.listChanges,
                    after.listChanges));

            // (c) restart: close as InterdictApp.close() does, start again on the same state directory and
            // application.id; (c') the same, the old instance leaving the consumer group as it closes
            for (boolean leave : new boolean[] {false, true}) {
                String tag = leave ? "(c')" : "(c)";
                Step down = fresh.window(new Step(tag + " produced while restarting"
                        + (leave ? ", closed leaving the group" : ", closed by InterdictApp.close()")));
                steps.add(down);
                fresh.drainExcept(down, Duration.ofSeconds(10)); // the step before is not charged with the restart
                long tc = System.nanoTime();
                Metrics last = Metrics.of(app);
                if (leave) {
                    app.streams().close(org.apache.kafka.streams.CloseOptions.groupMembershipOperation(
                            org.apache.kafka.streams.CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                            .withTimeout(Duration.ofSeconds(30)));
                }
                app.close();
                long closed = System.nanoTime();
                int members = groupMembers(kafka, appId);
                fresh.restartedAfter(closed);
                app = interdict(kafka, appId, stateDir, p);
                long restart = System.nanoTime();
                app.start();
                long startReturned = System.nanoTime();
                if (!app.awaitRunning(Duration.ofSeconds(120))) {
                    throw new IllegalStateException("Interdict did not start again");
                }
                long runningAgain = System.nanoTime();
                long first = fresh.awaitFirstAfterRestart(Duration.ofMinutes(5));
                Step c = fresh.window(new Step(tag + " after restart"));
                steps.add(c);
                down.facts.put("close", String.format(Locale.ROOT, "%.1f s", (closed - tc) / 1e9));
                down.facts.put("group members left after close", String.valueOf(members));
                down.facts.put("restart -> start() returned", String.format(Locale.ROOT, "%.1f s",
                        (startReturned - restart) / 1e9));
                down.facts.put("-> RUNNING", String.format(Locale.ROOT, "%.1f s", (runningAgain - restart) / 1e9));
                down.facts.put("**restart -> first decision**", String.format(Locale.ROOT, "%.1f s",
                        (first - restart) / 1e9));
                down.facts.put("retro records read back before", String.format(Locale.ROOT, "%,.0f", last.recordsRead));
                Thread.sleep(s.afterRestart().toMillis());
                Metrics again = Metrics.of(app);
                threadShares(app, c);
                c.facts.put("records read back since restart", String.format(Locale.ROOT, "%,.0f", again.recordsRead));
                c.facts.put("jobs", String.format(Locale.ROOT, "%,.0f", again.jobs));
                c.facts.put("change log", String.format(Locale.ROOT, "%,.0f entries", again.listChanges));
                c.facts.put("retro alerts on the topic", String.format(Locale.ROOT, "%s %,d / %,d, %s %,d / %,d",
                        ZENTRIX, fresh.alertCount(zentrixEntity.entityId()), zentrix, QUORVEX,
                        fresh.alertCount(quorvexEntity.entityId()), quorvex));
                fresh.restartedAfter(Long.MAX_VALUE);
                fresh.resetFirstAfterRestart();
            }
        } finally {
            fresh.close();
            app.close();
        }
        out.printf(Locale.ROOT, "fresh events offered: %,d, unanswered at the end: %,d; heap after the last GC: %d MB%n",
                fresh.offered(), fresh.unanswered(), Bench.heapAfterLastGc() >> 20);
        return steps;
    }

    /** One list change, and the time to all its retro alerts on the alerts topic. */
    private Step change(EmbeddedKafka kafka, InterdictApp app, Fresh fresh, String name, String listTopic,
                        RestrictedEntity entity, long expected) throws Exception {
        Step step = fresh.window(new Step(name));
        Metrics before = Metrics.of(app);
        StackSampler sampler = Boolean.getBoolean("retro.bench.sample") ? new StackSampler() : null;
        long t = System.nanoTime();
        publish(kafka, listTopic, List.of(entity));
        long deadline = t + TimeUnit.MINUTES.toNanos(15);
        while (fresh.alertCount(entity.entityId()) < expected && System.nanoTime() < deadline) {
            fresh.check();
            Thread.sleep(10);
        }
        long done = fresh.lastAlertNanos(entity.entityId());
        long count = fresh.alertCount(entity.entityId());
        long rest = s.step().toNanos() - (System.nanoTime() - t);
        if (rest > 0) {
            Thread.sleep(rest / 1_000_000);
        }
        Metrics after = Metrics.of(app);
        if (sampler != null) {
            sampler.stopAndPrint(name);
        }
        threadShares(app, step);
        step.facts.put("**all retro alerts written**", count < expected
                ? String.format(Locale.ROOT, "NOT in 15 min: %,d of %,d", count, expected)
                : String.format(Locale.ROOT, "%.2f s (%,d alerts)", (done - t) / 1e9, count));
        step.facts.put("records read back", String.format(Locale.ROOT, "%,.0f", after.recordsRead - before.recordsRead));
        step.facts.put("distinct texts probed", String.format(Locale.ROOT, "%,.0f", after.textsProbed - before.textsProbed));
        step.facts.put("jobs", String.format(Locale.ROOT, "%,.0f (longest %.2f s)", after.jobs - before.jobs,
                after.jobMaxSeconds));
        step.facts.put("retro alerts (metric)", String.format(Locale.ROOT, "%,.0f", after.retroAlerts - before.retroAlerts));
        step.facts.put("change log", String.format(Locale.ROOT, "%,.0f -> %,.0f entries", before.listChanges,
                after.listChanges));
        return step;
    }

    /**
     * The stream thread's own metrics (Kafka Streams samples them over the last minute or so): the longest
     * punctuation (all of a thread's tasks' due punctuators, the retro slices among them, run back to back while no
     * event is processed) and the shares of time punctuating and processing.
     */
    private static void threadShares(InterdictApp app, Step step) {
        Map<String, Double> m = new HashMap<>();
        app.streams().metrics().forEach((name, metric) -> {
            if (name.group().equals("stream-thread-metrics") && metric.metricValue() instanceof Double v && !v.isNaN()) {
                m.merge(name.name(), v, Math::max);
            }
        });
        step.facts.put("punctuation per punctuator max/avg", String.format(Locale.ROOT, "%.0f / %.1f ms",
                m.getOrDefault("punctuate-latency-max", Double.NaN), m.getOrDefault("punctuate-latency-avg", Double.NaN)));
        step.facts.put("thread punctuate/process", String.format(Locale.ROOT, "%.0f %% / %.0f %%",
                100 * m.getOrDefault("punctuate-ratio", Double.NaN), 100 * m.getOrDefault("process-ratio", Double.NaN)));
    }

    private static int groupMembers(EmbeddedKafka kafka, String group) throws Exception {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            return admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().size();
        }
    }

    /**
     * With {@code -Dretro.bench.sample=true}: where the stream threads are, sampled every 20 ms during a change step,
     * by their innermost Interdict frame and their innermost frame (a poor man's profiler, to find what holds fresh
     * events back).
     */
    private final class StackSampler {
        private final Map<String, Integer> byInterdictFrame = new java.util.TreeMap<>();
        private final Map<String, Integer> byTopFrame = new java.util.TreeMap<>();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Thread thread = new Thread(this::sample, "retro-bench-sampler");
        private int samples;

        StackSampler() {
            thread.setDaemon(true);
            thread.start();
        }

        private void sample() {
            while (!stop.get()) {
                Thread.getAllStackTraces().forEach((th, stack) -> {
                    if (!th.getName().matches(".*-[0-9a-f-]{36}-StreamThread-\\d+") || th.getName().contains("list-validation")
                            || stack.length == 0) {
                        return;
                    }
                    synchronized (this) {
                        samples++;
                        String interdict = "(no interdict frame)";
                        for (StackTraceElement f : stack) {
                            if (f.getClassName().startsWith("dev.interdict")) {
                                interdict = f.getClassName().replace("dev.interdict.", "") + "." + f.getMethodName()
                                        + ":" + f.getLineNumber();
                                break;
                            }
                        }
                        byInterdictFrame.merge(interdict, 1, Integer::sum);
                        byTopFrame.merge(stack[0].getClassName() + "." + stack[0].getMethodName(), 1, Integer::sum);
                    }
                });
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stopAndPrint(String step) throws InterruptedException {
            stop.set(true);
            thread.join();
            synchronized (this) {
                s.out().printf(Locale.ROOT, "stream thread samples during %s: %d%n", step, samples);
                print(byInterdictFrame, "innermost interdict frame");
                print(byTopFrame, "innermost frame");
            }
        }

        private void print(Map<String, Integer> counts, String what) {
            counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(12)
                    .forEach(e -> s.out().printf(Locale.ROOT, "  %5.1f %%  %s: %s%n", 100.0 * e.getValue() / samples,
                            what, e.getKey()));
        }
    }

    /** Interdict's retro-screening metrics, as the registry has them now. */
    record Metrics(double recordsRead, double jobs, double textsProbed, double retroAlerts, double unchanged,
                   double listChanges, double jobMaxSeconds) {
        static Metrics of(InterdictApp app) {
            MeterRegistry r = app.metrics().registry();
            Timer job = r.find("interdict.retro.job").timer();
            Gauge changes = r.find("interdict.retro.list.changes").gauge();
            return new Metrics(count(r, "interdict.retro.records.read"), count(r, "interdict.retro.jobs"),
                    count(r, "interdict.retro.texts.probed"), count(r, "interdict.retro.alerts"),
                    count(r, "interdict.list.records.unchanged"), changes == null ? Double.NaN : changes.value(),
                    job == null ? 0 : job.max(TimeUnit.SECONDS));
        }

        private static double count(MeterRegistry r, String name) {
            Counter c = r.find(name).counter();
            return c == null ? 0 : c.count();
        }
    }

    private InterdictApp interdict(EmbeddedKafka kafka, String appId, Path stateDir, String p) {
        Map<String, String> cfg = new HashMap<>();
        cfg.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        cfg.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
        cfg.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, String.valueOf(s.threads()));
        cfg.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        cfg.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        cfg.put("schema.registry.url", "mock://" + scope);
        cfg.put(InterdictConfig.TOPIC_PURCHASE_ORDERS, p + ".po");
        cfg.put(InterdictConfig.TOPIC_LICENSE_RENEWALS, p + ".lr");
        cfg.put(InterdictConfig.TOPIC_RESTRICTED_ENTITIES, p + ".list");
        cfg.put(InterdictConfig.TOPIC_DECISIONS, p + ".decisions");
        cfg.put(InterdictConfig.TOPIC_ALERTS, p + ".alerts");
        cfg.put(InterdictConfig.TOPIC_DLQ, p + ".dlq");
        cfg.put(InterdictConfig.METRICS_PORT, "-1");
        cfg.put(InterdictConfig.RETRO_LOOKBACK, s.retroLookback());
        return new InterdictApp(InterdictConfig.of(cfg), InterdictSerdes.avro(serdeConfig));
    }

    /** Waits until the group has committed the end offset of every partition of the topics. */
    private static void awaitCommitted(EmbeddedKafka kafka, String group, List<String> topics) throws Exception {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            Map<TopicPartition, OffsetSpec> spec = new HashMap<>();
            for (String t : topics) {
                admin.describeTopics(List.of(t)).allTopicNames().get().get(t).partitions()
                        .forEach(q -> spec.put(new TopicPartition(t, q.partition()), OffsetSpec.latest()));
            }
            Map<TopicPartition, Long> end = new HashMap<>();
            admin.listOffsets(spec).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                if (end.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
                        && committed.get(e.getKey()).offset() >= e.getValue())) {
                    return;
                }
                Thread.sleep(100);
            }
        }
    }

    /**
     * Fresh events at the offered rate (unique ids, event times from T0 on, none naming Zentrix or Quorvex), a
     * read_committed reader of the decisions (latency into the current window, by the time each event was
     * produced), and a read_committed reader of the alerts (count and time of the last alert per entity).
     */
    private final class Fresh implements AutoCloseable {
        private final EmbeddedKafka kafka;
        private final String decisions;
        private final String alerts;
        private final EventWriter writer;
        private final BenchEvents gen;
        private final String prefix;
        private final AtomicBoolean stop = new AtomicBoolean();
        /** Per event id in flight: produce time and the window it was produced in. */
        private final Map<String, Object[]> sent = new ConcurrentHashMap<>();
        /** The same, for the read_uncommitted reader. */
        private final Map<String, Object[]> sentUncommitted = new ConcurrentHashMap<>();
        private volatile Step window;
        private final Map<String, AtomicLong> alertCounts = new ConcurrentHashMap<>();
        private final Map<String, AtomicLong> lastAlert = new ConcurrentHashMap<>();
        private final AtomicLong offered = new AtomicLong();
        private volatile long restartedAfter = Long.MAX_VALUE;
        private final AtomicLong firstAfterRestart = new AtomicLong();
        private final AtomicInteger failures = new AtomicInteger();
        private final List<Thread> threads = new ArrayList<>();

        Fresh(EmbeddedKafka kafka, List<RestrictedEntity> list, String po, String lr, String decisions, String alerts,
              int n) {
            this.kafka = kafka;
            this.decisions = decisions;
            this.alerts = alerts;
            this.writer = new EventWriter(po, lr, InterdictSerdes.from(InterdictSerdes.avro(serdeConfig)));
            this.gen = new BenchEvents(list, 7); // about 5 % name a listed party, as in the history; never Zentrix, Quorvex
            this.prefix = "f" + n + "-";
        }

        Step window(Step next) {
            window = next;
            return next;
        }

        void resetFirstAfterRestart() {
            firstAfterRestart.set(0);
        }

        /** Waits until every event produced in another window than {@code current} has its decision. */
        void drainExcept(Step current, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && sent.values().stream().anyMatch(v -> v[1] != current)) {
                Thread.sleep(20);
            }
        }

        void restartedAfter(long nanos) {
            restartedAfter = nanos;
        }

        long awaitFirstAfterRestart(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (firstAfterRestart.get() == 0 && System.nanoTime() < deadline) {
                check();
                Thread.sleep(5);
            }
            if (firstAfterRestart.get() == 0) {
                throw new IllegalStateException("no decision after the restart");
            }
            return firstAfterRestart.get();
        }

        /** Throws if a bench thread failed (its stack trace is printed). */
        void check() {
            if (failures.get() > 0) {
                throw new IllegalStateException(failures.get() + " bench threads failed (see above)");
            }
        }

        long alertCount(String entityId) {
            AtomicLong c = alertCounts.get(entityId);
            return c == null ? 0 : c.get();
        }

        long lastAlertNanos(String entityId) {
            AtomicLong c = lastAlert.get(entityId);
            return c == null ? 0 : c.get();
        }

        long offered() {
            return offered.get();
        }

        int unanswered() {
            return sent.size();
        }

        private KafkaConsumer<String, byte[]> atEnd(String topic, String name) {
            return atEnd(topic, name, "read_committed");
        }

        private KafkaConsumer<String, byte[]> atEnd(String topic, String name, String isolation) {
            KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                    "isolation.level", isolation, "client.id", name), new StringDeserializer(),
                    new ByteArrayDeserializer());
            List<TopicPartition> parts = c.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToEnd(parts);
            parts.forEach(c::position); // evaluated now, before any fresh event
            return c;
        }

        void start() {
            KafkaConsumer<String, byte[]> decisionReader = atEnd(decisions, "retro-bench-decisions");
            KafkaConsumer<String, byte[]> alertReader = atEnd(alerts, "retro-bench-alerts");
            KafkaConsumer<String, byte[]> uncommittedReader = atEnd(decisions, "retro-bench-uncommitted",
                    "read_uncommitted");
            threads.add(new Thread(() -> {
                try (uncommittedReader) {
                    while (!stop.get()) {
                        for (ConsumerRecord<String, byte[]> r : uncommittedReader.poll(Duration.ofMillis(20))) {
                            long now = System.nanoTime();
                            Object[] t = sentUncommitted.remove(r.key());
                            if (t != null) {
                                ((Step) t[1]).uncommitted.add(now - (Long) t[0]);
                            }
                        }
                    }
                } catch (RuntimeException e) {
                    failures.incrementAndGet();
                    e.printStackTrace(s.out());
                }
            }, "retro-bench-uncommitted"));
            threads.add(new Thread(() -> {
                try (decisionReader) {
                    while (!stop.get()) {
                        for (ConsumerRecord<String, byte[]> r : decisionReader.poll(Duration.ofMillis(20))) {
                            long now = System.nanoTime();
                            Object[] t = sent.remove(r.key());
                            if (t != null) {
                                long produced = (Long) t[0];
                                ((Step) t[1]).latency.add(now - produced);
                                if (produced > restartedAfter) {
                                    firstAfterRestart.compareAndSet(0, now);
                                }
                            }
                        }
                    }
                } catch (RuntimeException e) {
                    failures.incrementAndGet();
                    e.printStackTrace(s.out());
                }
            }, "retro-bench-decisions"));
            threads.add(new Thread(() -> {
                try (alertReader) {
                    while (!stop.get()) {
                        for (ConsumerRecord<String, byte[]> r : alertReader.poll(Duration.ofMillis(20))) {
                            alertCounts.computeIfAbsent(r.key(), k -> new AtomicLong()).incrementAndGet();
                            lastAlert.computeIfAbsent(r.key(), k -> new AtomicLong()).set(System.nanoTime());
                        }
                    }
                } catch (RuntimeException e) {
                    failures.incrementAndGet();
                    e.printStackTrace(s.out());
                }
            }, "retro-bench-alerts"));
            threads.add(new Thread(() -> {
                try (KafkaProducer<String, byte[]> p = producer(kafka, "1")) {
                    long start = System.nanoTime();
                    for (long i = 0; !stop.get(); i++) {
                        long due = start + i * 1_000_000_000L / s.rate();
                        long now;
                        while ((now = System.nanoTime()) < due) {
                            if (due - now > 2_000_000) {
                                Thread.sleep(1);
                            } else {
                                Thread.onSpinWait();
                            }
                        }
                        String id = prefix + i;
                        Instant t = T0.plusNanos(now - start);
                        ProducerRecord<String, byte[]> rec = writer.record(BenchEvents.event(i, id, gen.party(),
                                gen.maker(), t));
                        Step w = window;
                        if (w != null) {
                            Object[] v = {System.nanoTime(), w};
                            sent.put(rec.key(), v);
                            sentUncommitted.put(rec.key(), v);
                        }
                        p.send(rec);
                        offered.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    failures.incrementAndGet();
                    e.printStackTrace(s.out());
                }
            }, "retro-bench-fresh"));
            threads.forEach(Thread::start);
        }

        @Override
        public void close() throws InterruptedException {
            // the producer stops first; the readers drain what is in flight for up to 10 s
            Thread producer = threads.isEmpty() ? null : threads.get(threads.size() - 1);
            window = null;
            long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!sent.isEmpty() && System.nanoTime() < drainUntil) {
                Thread.sleep(50);
            }
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
            if (failures.get() > 0) {
                throw new IllegalStateException(failures.get() + " bench threads failed (see above)");
            }
        }
    }
}
