package dev.interdict.topology;

import dev.interdict.app.InterdictApp;
import dev.interdict.app.InterdictConfig;
import dev.interdict.avro.Alert;
import dev.interdict.avro.Decision;
import dev.interdict.avro.LicenseRenewal;
import dev.interdict.avro.PurchaseOrder;
import dev.interdict.avro.RestrictedEntity;
import dev.interdict.contract.AvroMapping;
import dev.interdict.screening.Screener;
import dev.interdict.serde.MockSchemaRegistryClient;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/** A TopologyTestDriver around the real topology, with real serdes on an in-memory (mock://) schema registry. */
final class TopologyFixture implements AutoCloseable {
    final String scope = "ttd-" + UUID.randomUUID();
    final Map<String, Object> serdeConfig = Map.of("schema.registry.url", "mock://" + scope);
    final TopicNames topics = TopicNames.DEFAULTS;
    final InterdictSerdes serdes = InterdictSerdes.from(InterdictSerdes.avro(serdeConfig));
    final Screener screener = new Screener();
    /** What was piped into the input topics, read back by retro-screening. */
    final RecordedInputLog inputLog = new RecordedInputLog();
    /** What the retro-screening jobs reported. */
    final RetroJobs retroJobs = new RetroJobs();
    final TopologyTestDriver driver;
    /** The list-validation topology, fed the same list records as the main one by {@link #publishEntity}. */
    final TopologyTestDriver validator;
    final TestInputTopic<String, PurchaseOrder> orders;
    final TestInputTopic<String, LicenseRenewal> renewals;
    final TestInputTopic<String, RestrictedEntity> entities;
    final TestOutputTopic<String, Decision> decisions;
    final TestOutputTopic<String, Alert> alerts;
    final TestOutputTopic<byte[], byte[]> deadLetters;
    final TestInputTopic<String, RestrictedEntity> validatorEntities;
    final TestOutputTopic<byte[], byte[]> validatorDeadLetters;

    TopologyFixture() {
        this(java.time.Duration.ofMinutes(1)); // a retro-screening job finishes in one tick of the test's clock
    }

    /** @param retroSlice how long a retro-screening job may run per tick */
    TopologyFixture(java.time.Duration retroSlice) {
        Properties p = InterdictApp.streamsProperties(InterdictConfig.of(Map.of(
                StreamsConfig.APPLICATION_ID_CONFIG, "interdict-ttd",
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092",
                // a state directory of its own: builds running side by side would lock each other's RocksDB
                StreamsConfig.STATE_DIR_CONFIG, stateDir())));
        InterdictTopology topology = new InterdictTopology(topics, serdes, screener, retroJobs,
                InterdictTopology.DEFAULT_RETRO_LOOKBACK, configs -> inputLog).retroSlice(retroSlice);
        driver = new TopologyTestDriver(topology.build(), p);
        Properties vp = new Properties();
        vp.putAll(p);
        vp.put(StreamsConfig.APPLICATION_ID_CONFIG, "interdict-ttd-list-validation");
        validator = new TopologyTestDriver(topology.buildListValidation(), vp);
        validatorEntities = validator.createInputTopic(topics.restrictedEntities(), new StringSerializer(),
                serdes.restrictedEntities().serializer());
        validatorDeadLetters = validator.createOutputTopic(topics.deadLetters(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        orders = driver.createInputTopic(topics.purchaseOrders(), new StringSerializer(),
                inputLog.recording(topics.purchaseOrders(), serdes.purchaseOrders().serializer()));
        renewals = driver.createInputTopic(topics.licenseRenewals(), new StringSerializer(),
                inputLog.recording(topics.licenseRenewals(), serdes.licenseRenewals().serializer()));
        entities = driver.createInputTopic(topics.restrictedEntities(), new StringSerializer(), serdes.restrictedEntities().serializer());
        decisions = driver.createOutputTopic(topics.decisions(), new StringDeserializer(), serdes.decisions().deserializer());
        alerts = driver.createOutputTopic(topics.alerts(), new StringDeserializer(), serdes.alerts().deserializer());
        deadLetters = driver.createOutputTopic(topics.deadLetters(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The retro-screening jobs done, as the observer (the metrics) sees them. */
    static final class RetroJobs implements ScreeningObserver {
        final java.util.concurrent.atomic.AtomicLong jobs = new java.util.concurrent.atomic.AtomicLong();
        final java.util.concurrent.atomic.AtomicLong rangesRead = new java.util.concurrent.atomic.AtomicLong();
        final java.util.concurrent.atomic.AtomicLong textsProbed = new java.util.concurrent.atomic.AtomicLong();

        @Override
        public void retroJobDone(int entities, long rangesRead, long textsProbed, long recordsRead, long alerts,
                                 long nanos) {
            jobs.incrementAndGet();
            this.rangesRead.addAndGet(rangesRead);
            this.textsProbed.addAndGet(textsProbed);
        }
    }

    private static String stateDir() {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("interdict-ttd");
            dir.toFile().deleteOnExit();
            return dir.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A list record (null = tombstone) to the list topic, as both topologies see it. */
    void publishEntity(String key, RestrictedEntity value) {
        entities.pipeInput(key, value);
        validatorEntities.pipeInput(key, value);
    }

    /**
     * A list of one entity that matches none of the tests' names: without a list nothing is decided (the screen
     * processor holds events), so a test that screens before it lists its own entities loads this first.
     */
    void publishUnrelated() {
        dev.interdict.screening.RestrictedEntity e = dev.interdict.testutil.ItApp.unrelatedEntity();
        publishEntity(e.entityId(), AvroMapping.toAvro(e));
    }

    TestInputTopic<byte[], byte[]> raw(String topic) {
        return driver.createInputTopic(topic, new ByteArraySerializer(),
                inputLog.recording(topic, new ByteArraySerializer()));
    }

    @Override
    public void close() {
        driver.close();
        validator.close();
        MockSchemaRegistryClient.dropScope(scope);
    }
}
