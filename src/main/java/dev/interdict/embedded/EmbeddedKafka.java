package dev.interdict.embedded;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

/**
 * A real single-node Kafka (KRaft, combined broker + controller) started in this JVM from Apache Kafka's own jars:
 * storage is formatted with {@link Formatter}, then {@link KafkaRaftServer} runs it. Listens on free loopback ports;
 * its temporary log directory is deleted on {@link #close()} (and at JVM exit if close was never called).
 * For the demo and integration tests; not for production.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final String CONTROLLER = "CONTROLLER";

    private final Map<String, String> overrides;
    private final String listenerName;
    private final String securityProtocol;
    private final List<String> scramArguments;
    private final Map<String, Object> clientSecurity;
    private Path logDir;
    private KafkaRaftServer server;
    private KafkaConfig config;
    private String bootstrapServers;
    private Thread cleanup;

    private EmbeddedKafka(Builder b) {
        this.overrides = new HashMap<>(b.overrides);
        this.listenerName = b.listenerName;
        this.securityProtocol = b.securityProtocol;
        this.scramArguments = List.copyOf(b.scramArguments);
        this.clientSecurity = Map.copyOf(b.clientSecurity);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder of an embedded broker. */
    public static final class Builder {
        private final Map<String, String> overrides = new HashMap<>();
        private String listenerName = "PLAINTEXT";
        private String securityProtocol = "PLAINTEXT";
        private final List<String> scramArguments = new ArrayList<>();
        private final Map<String, Object> clientSecurity = new HashMap<>();

        /** Any broker property, applied last. */
        public Builder brokerProperty(String key, String value) {
            overrides.put(key, value);
            return this;
        }

        /**
         * Clients must authenticate with SASL/SCRAM-SHA-256 as {@code user}; the credential is created when the
         * storage is formatted. The broker itself uses the same credential.
         */
        public Builder withSaslScram(String user, String password) {
            listenerName = "SASL_PLAINTEXT";
            securityProtocol = "SASL_PLAINTEXT";
            scramArguments.add("SCRAM-SHA-256=[name=" + user + ",password=" + password + "]");
            String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                    + "\" password=\"" + password + "\";";
            overrides.put("sasl.enabled.mechanisms", "SCRAM-SHA-256");
            overrides.put("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-256");
            overrides.put("listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config", jaas);
            clientSecurity.put("security.protocol", "SASL_PLAINTEXT");
            clientSecurity.put("sasl.mechanism", "SCRAM-SHA-256");
            clientSecurity.put("sasl.jaas.config", jaas);
            return this;
        }

        public EmbeddedKafka build() {
            return new EmbeddedKafka(this);
        }
    }

    /** Formats storage and starts the broker; returns when the broker is ready (unfenced). */
    public synchronized EmbeddedKafka start() {
        if (server != null) {
            return this;
        }
        RuntimeException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                return startOnce();
            } catch (RuntimeException e) {
                // most often a free port taken by someone else between choosing it and binding it: try new ports
                last = e;
                LOG.warn("embedded Kafka did not start (attempt {} of 3): {}", attempt, e.toString());
                if (server != null) {
                    try {
                        server.shutdown();
                    } catch (RuntimeException ignored) {
                        // already failed
                    }
                    server = null;
                }
                deleteTree(logDir);
                if (cleanup != null) {
                    try {
                        Runtime.getRuntime().removeShutdownHook(cleanup);
                    } catch (IllegalStateException ignored) {
                        // shutting down
                    }
                    cleanup = null;
                }
            }
        }
        throw last;
    }

    private EmbeddedKafka startOnce() {
        long t0 = System.nanoTime();
        try {
            logDir = Files.createTempDirectory("interdict-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cleanup = new Thread(() -> deleteTree(logDir), "interdict-kafka-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        int brokerPort = freePort();
        int controllerPort = freePort();
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", listenerName + "://127.0.0.1:" + brokerPort + "," + CONTROLLER + "://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", listenerName + "://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", CONTROLLER);
        p.put("inter.broker.listener.name", listenerName);
        p.put("listener.security.protocol.map", listenerName + ":" + securityProtocol + "," + CONTROLLER + ":PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("group.streams.initial.rebalance.delay.ms", "0");
        p.put("unstable.api.versions.enable", "false");
        p.put("unstable.feature.versions.enable", "false");
        p.put("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
        // records carry event times (2024 in the demo): time-based retention would delete them at once
        p.put("log.retention.ms", "-1");
        p.putAll(overrides);
        KafkaConfig config = KafkaConfig.fromProps(p, false);
        try {
            Formatter formatter = new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(1)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setControllerListenerName(CONTROLLER);
            if (!scramArguments.isEmpty()) {
                formatter.setScramArguments(scramArguments);
            }
            formatter.run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka storage in " + logDir + ": " + e, e);
        }
        this.config = config;
        server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        bootstrapServers = "127.0.0.1:" + brokerPort;
        LOG.info("embedded Kafka broker at {} started in {} ms", bootstrapServers, (System.nanoTime() - t0) / 1_000_000);
        return this;
    }

    public String bootstrapServers() {
        if (bootstrapServers == null) {
            throw new IllegalStateException("broker not started");
        }
        return bootstrapServers;
    }

    /** Client properties for this broker: bootstrap servers plus the security settings it requires. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> p = new HashMap<>(clientSecurity);
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return p;
    }

    /** The broker's log directory (temporary). */
    public Path logDir() {
        return logDir;
    }

    /** Creates a topic (no error if it exists). */
    public void createTopic(String name, int partitions, Map<String, String> config) {
        try (Admin admin = Admin.create(clientProperties())) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(config))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the broker but keeps its data and ports, as a broker restart would (see {@link #restart()}). */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    /** Starts again a broker stopped by {@link #stop()}: same data, same ports. */
    public synchronized void restart() {
        if (server == null && config != null) {
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
        }
    }

    /** Stops the broker and deletes its data. */
    @Override
    public synchronized void close() {
        if (logDir != null && cleanup != null) {
            try {
                stop();
            } finally {
                deleteTree(logDir);
                try {
                    Runtime.getRuntime().removeShutdownHook(cleanup);
                } catch (IllegalStateException ignored) {
                    // the JVM is already shutting down; the hook runs anyway
                }
                cleanup = null;
            }
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", dir, e.toString());
        }
    }
}
