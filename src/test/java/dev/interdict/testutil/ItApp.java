package dev.interdict.testutil;

import dev.interdict.app.InterdictConfig;
import dev.interdict.contract.AvroMapping;
import dev.interdict.serde.AvroSerdes;
import dev.interdict.embedded.EmbeddedKafka;
import dev.interdict.lists.JsonlEntities;
import dev.interdict.screening.RestrictedEntity;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The setup integration tests share: an application's topics named {@code <prefix>.po}, {@code .lr},
 * {@code .decisions}, {@code .alerts} (4 partitions), {@code .list} (compacted), {@code .dlq}, and its configuration.
 */
public final class ItApp {
    private ItApp() {
    }

    public static void createTopics(EmbeddedKafka kafka, String prefix) throws Exception {
        createTopics(kafka, prefix, 4);
    }

    /** The same topics, the event and output topics with {@code partitions} partitions. */
    public static void createTopics(EmbeddedKafka kafka, String prefix, int partitions) throws Exception {
        for (String t : List.of(".po", ".lr", ".decisions", ".alerts")) {
            kafka.createTopic(prefix + t, partitions, Map.of());
        }
        kafka.createTopic(prefix + ".list", 1, Map.of("cleanup.policy", "compact"));
        kafka.createTopic(prefix + ".dlq", 1, Map.of());
    }

    /** Configuration of an Interdict instance (application.id = prefix) on those topics, metrics port off. */
    public static Map<String, String> config(EmbeddedKafka kafka, String prefix, Path stateDir, String registryScope) {
        Map<String, String> cfg = new HashMap<>();
        cfg.put("bootstrap.servers", kafka.bootstrapServers());
        cfg.put("application.id", prefix);
        cfg.put("state.dir", stateDir.toString());
        cfg.put("schema.registry.url", "mock://" + registryScope);
        cfg.put(InterdictConfig.METRICS_PORT, "-1");
        cfg.put(InterdictConfig.TOPIC_PURCHASE_ORDERS, prefix + ".po");
        cfg.put(InterdictConfig.TOPIC_LICENSE_RENEWALS, prefix + ".lr");
        cfg.put(InterdictConfig.TOPIC_RESTRICTED_ENTITIES, prefix + ".list");
        cfg.put(InterdictConfig.TOPIC_DECISIONS, prefix + ".decisions");
        cfg.put(InterdictConfig.TOPIC_ALERTS, prefix + ".alerts");
        cfg.put(InterdictConfig.TOPIC_DLQ, prefix + ".dlq");
        return cfg;
    }

    /**
     * Starts {@code java -jar target/interdict.jar run} with this configuration (as {@code INTERDICT_*} environment
     * variables), its output to {@code log}. The registry must be reachable from another process (not {@code mock://}).
     */
    public static Process startJar(Map<String, String> cfg, Path log) throws java.io.IOException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target", "interdict.jar").toString(), "run");
        Map<String, String> env = pb.environment();
        cfg.forEach((k, v) -> env.put(InterdictConfig.envName(k), v));
        env.putIfAbsent("INTERDICT_LOG_LEVEL", "WARN");
        return pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /**
     * A compacted list topic and the configuration file that {@code load-list} reads to publish to it (the broker,
     * the in-memory registry scope, the topic).
     */
    public static Path listTopicAndConfig(EmbeddedKafka kafka, String topic, String registryScope, Path dir)
            throws java.io.IOException {
        kafka.createTopic(topic, 1, Map.of("cleanup.policy", "compact"));
        Path config = dir.resolve("interdict.properties");
        Files.writeString(config, "bootstrap.servers=" + kafka.bootstrapServers() + "\n"
                + "schema.registry.url=mock://" + registryScope + "\n"
                + "interdict.topics.restricted-entities=" + topic + "\n");
        return config;
    }

    /** A producer of keyed, already serialised records (acks=all). */
    public static KafkaProducer<String, byte[]> producer(EmbeddedKafka kafka) {
        return new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all"),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Publishes list entries to {@code <prefix>.list}, keyed by entityId, in the Confluent wire format. */
    public static void publishList(KafkaProducer<String, byte[]> producer, String prefix,
                                   Collection<RestrictedEntity> entities, Map<String, Object> serdeConfig) {
        var serializer = AvroSerdes.forClass(dev.interdict.avro.RestrictedEntity.class, serdeConfig).serializer();
        String topic = prefix + ".list";
        for (RestrictedEntity e : entities) {
            producer.send(new ProducerRecord<>(topic, e.entityId(), serializer.serialize(topic, AvroMapping.toAvro(e))));
        }
    }

    /** A listed entity whose name matches none of the tests' events (a list to screen against that raises nothing). */
    public static RestrictedEntity unrelatedEntity() {
        return new RestrictedEntity("unrelated", "Zzyzx Quortle Widgets", List.of(), List.of(), null, "test", "none",
                List.of(new dev.interdict.screening.Restriction(dev.interdict.screening.Activity.ANY,
                        java.time.Instant.parse("2000-01-01T00:00:00Z"), null)));
    }

    /** The shared sample list (../shared/data/sample-entities.jsonl). */
    public static List<RestrictedEntity> sampleEntities() throws Exception {
        Path entities = Shared.file("data/sample-entities.jsonl");
        try (BufferedReader in = Files.newBufferedReader(entities)) {
            return JsonlEntities.read(in, entities.toString(), r -> fail("rejected " + r));
        }
    }
}
