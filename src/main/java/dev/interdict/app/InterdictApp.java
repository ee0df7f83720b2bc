package dev.interdict.app;

import dev.interdict.screening.Screener;
import dev.interdict.topology.InterdictSerdes;
import dev.interdict.topology.InterdictTopology;
import dev.interdict.topology.TopicNames;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/** Wires configuration, serdes, screener and topology into a {@link KafkaStreams} instance. */
public final class InterdictApp implements AutoCloseable {
    private final InterdictConfig config;
    private final Screener screener;
    private final Topology topology;
    private final KafkaStreams streams;
    private final KafkaStreams listValidation;

    public InterdictApp(InterdictConfig config, InterdictSerdes.Factory serdes) {
        this.config = config;
        this.screener = new Screener(config.matcher());
        InterdictTopology t = new InterdictTopology(config.topics(), InterdictSerdes.from(serdes), screener);
        this.topology = t.build();
        Properties props = streamsProperties(config);
        this.streams = new KafkaStreams(topology, props);
        this.listValidation = new KafkaStreams(t.buildListValidation(), listValidationProperties(props));
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
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class.getName());
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueProcessingExceptionHandler.class.getName());
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionExceptionHandler.class.getName());
        p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topics.deadLetters());
        p.put("processing.exception.handler.global.enabled", "true");
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

    public void start() {
        listValidation.start();
        streams.start();
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

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
        listValidation.close(Duration.ofSeconds(30));
    }
}
