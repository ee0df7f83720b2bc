package dev.interdict.app;

import dev.interdict.screening.Screener;
import dev.interdict.topology.InterdictSerdes;
import dev.interdict.topology.InterdictTopology;
import dev.interdict.topology.TopicNames;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

import dev.interdict.ops.InterdictMetrics;
import dev.interdict.ops.OpsServer;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import dev.interdict.serde.SchemaRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Wires configuration, serdes, screener and topology into a {@link KafkaStreams} instance. */
public final class InterdictApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InterdictApp.class);
    private final InterdictConfig config;
    private final Screener screener;
    private final Topology topology;
    private final KafkaStreams streams;
    private final KafkaStreams listValidation;
    private final InterdictMetrics metrics;
    private final ListGate gate;
    private final CloseOptions.GroupMembershipOperation onClose;
    private OpsServer ops;

    public InterdictApp(InterdictConfig config, InterdictSerdes.Factory serdes) {
        this.config = config;
        this.screener = new Screener(config.matcher());
        this.metrics = new InterdictMetrics(screener);
        InterdictTopology t = new InterdictTopology(config.topics(), InterdictSerdes.from(serdes), screener, metrics,
                config.retroLookback());
        this.topology = t.build();
        metrics.listChanges(t.listChanges()::size);
        Properties props = streamsProperties(config);
        this.onClose = membershipOnClose(props);
        this.streams = new KafkaStreams(topology, props);
        this.listValidation = new KafkaStreams(t.buildListValidation(), listValidationProperties(props));
        metrics.bind(streams);
        metrics.bind(listValidation);
        this.gate = new ListGate(streams, screener::size);
        metrics.screeningHeld(gate::held);
        streams.setGlobalStateRestoreListener(new ListRestoreListener());
        streams.setUncaughtExceptionHandler(InterdictApp::onStreamThreadFailure);
        listValidation.setUncaughtExceptionHandler(InterdictApp::onStreamThreadFailure);
    }

    /**
     * A stream thread that failed because the schema registry was unavailable, or because an event arrived while no
     * list was loaded, is replaced after a pause (its records are read again from the last commit); anything else
     * shuts this instance down (/health goes DOWN).
     */
    static StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse onStreamThreadFailure(Throwable e) {
        String passing = RegistryFailures.unavailable(e) ? "schema registry unavailable"
                : dev.interdict.topology.ListNotLoadedException.in(e) ? "no list loaded, the event is held" : null;
        if (passing != null) {
            LOG.error("stream thread failed: {}; replacing the thread in 5 s", passing, e);
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        SchemaRejectedException rejected = RegistryFailures.rejectedSchema(e);
        if (rejected != null) {
            LOG.error("the schema registry refused the schema of a result (subject {}): Interdict cannot write decisions"
                    + " or alerts, so it stops instead of dead-lettering every event (/health 503): {}",
                    rejected.subject(), rejected.getMessage(), e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        LOG.error("stream thread failed; shutting this instance down", e);
        return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    /** Times the restoration of the list at start (it feeds the index record by record). */
    private final class ListRestoreListener implements StateRestoreListener {
        /** Restore start per store and partition (the list's on the global thread, the tasks' on other threads). */
        private final java.util.Map<String, Long> started = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public void onRestoreStart(TopicPartition partition, String store, long startOffset, long endOffset) {
            started.put(store + "/" + partition, System.nanoTime());
        }

        @Override
        public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long restored) {
        }

        @Override
        public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
            Long start = started.remove(store + "/" + partition);
            long nanos = start == null ? 0 : System.nanoTime() - start;
            if (!store.equals(dev.interdict.topology.InterdictTopology.ENTITY_STORE)) {
                // Streams calls this "global" listener for every store, the tasks' retro-screening stores too
                LOG.info("store {} ({}) restored: {} records in {} ms", store, partition, totalRestored, nanos / 1_000_000);
                return;
            }
            metrics.listRestored(screener.size(), nanos);
            LOG.info("list restored: {} records, {} restricted entities indexed in {} ms", totalRestored,
                    screener.size(), nanos / 1_000_000);
        }
    }

    public InterdictMetrics metrics() {
        return metrics;
    }

    /** The HTTP port of /metrics, /health and /ready, or -1 when it is off. */
    public int opsPort() {
        return ops == null ? -1 : ops.port();
    }

    /** The list validator is its own small Streams application: same settings, its own id, one thread. */
    static Properties listValidationProperties(Properties main) {
        Properties p = new Properties();
        p.putAll(main);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, main.getProperty(StreamsConfig.APPLICATION_ID_CONFIG) + "-list-validation");
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1");
        String stateDir = main.getProperty(StreamsConfig.STATE_DIR_CONFIG);
        if (stateDir != null) {
            p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir + "/list-validation");
        }
        return p;
    }

    /** Streams settings: Interdict's defaults, then everything the configuration says. */
    public static Properties streamsProperties(InterdictConfig config) {
        TopicNames topics = config.topics();
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "interdict");
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // Each task reads a purchase-order and a licence-renewal partition. Screening needs no time order between
        // the two, so a task never waits to fetch one while the other has records (the default, 0, waits for data
        // already on the broker: the benchmark showed the stream thread blocked in poll much of the time).
        p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, String.valueOf(StreamsConfig.MAX_TASK_IDLE_MS_DISABLED));
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, CountingDeserializationExceptionHandler.class.getName());
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, CountingProcessingExceptionHandler.class.getName());
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionExceptionHandler.class.getName());
        p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topics.deadLetters());
        p.put("processing.exception.handler.global.enabled", "true");
        p.put(InterdictConfig.DLQ_MAX_VALUE_BYTES, config.get(InterdictConfig.DLQ_MAX_VALUE_BYTES)); // for the handlers
        for (Map.Entry<String, Object> e : config.clientProperties().entrySet()) {
            p.put(e.getKey(), e.getValue());
        }
        return p;
    }

    public KafkaStreams streams() {
        return streams;
    }

    public Topology topology() {
        return topology;
    }

    public Screener screener() {
        return screener;
    }

    public InterdictConfig config() {
        return config;
    }

    public KafkaStreams listValidation() {
        return listValidation;
    }

    /** Starts both Streams applications and, unless {@code interdict.metrics.port} is negative, the ops HTTP port. */
    public void start() {
        int port = Integer.parseInt(config.get(InterdictConfig.METRICS_PORT));
        if (port >= 0 && ops == null) {
            try {
                ops = new OpsServer(config.ops(), metrics, List.of(streams, listValidation), screener::size);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the metrics port " + port, e);
            }
        }
        listValidation.start();
        gate.holdBeforeStart();
        streams.start(); // returns once the global thread has restored the list
        gate.watch();
    }

    /** Waits until the streams are RUNNING (the global list is loaded before that). */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            KafkaStreams.State s = streams.state();
            if (s == KafkaStreams.State.RUNNING) {
                return true;
            }
            if (s == KafkaStreams.State.ERROR || s == KafkaStreams.State.NOT_RUNNING) {
                return false;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /**
     * What a clean close does with this instance's group membership. A dynamic member (no {@code group.instance.id})
     * leaves the group: under the classic group protocol Kafka Streams' default is to stay, and then its partitions
     * wait, and the next instance's rebalance waits, until its session expires ({@code session.timeout.ms}, 45 s).
     * A static member stays, so that an instance started again with the same {@code group.instance.id} within
     * {@code session.timeout.ms} takes its partitions back without a rebalance (a static member that left would cause
     * two: one when it goes, one when it comes back).
     */
    static CloseOptions.GroupMembershipOperation membershipOnClose(Properties streamsProperties) {
        String id = groupInstanceId(streamsProperties);
        return id == null || id.isBlank() ? CloseOptions.GroupMembershipOperation.LEAVE_GROUP
                : CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP;
    }

    /** {@code group.instance.id} as Streams reads it for its main consumer (a prefixed key wins over the plain one). */
    static String groupInstanceId(Properties p) {
        String key = ConsumerConfig.GROUP_INSTANCE_ID_CONFIG;
        for (String k : List.of(StreamsConfig.mainConsumerPrefix(key), StreamsConfig.consumerPrefix(key), key)) {
            if (p.get(k) != null) {
                return String.valueOf(p.get(k));
            }
        }
        return null;
    }

    @Override
    public void close() {
        gate.close();
        streams.close(CloseOptions.groupMembershipOperation(onClose).withTimeout(Duration.ofSeconds(30)));
        listValidation.close(CloseOptions.groupMembershipOperation(onClose).withTimeout(Duration.ofSeconds(30)));
        if (ops != null) {
            ops.close();
        }
        metrics.close();
    }
}
