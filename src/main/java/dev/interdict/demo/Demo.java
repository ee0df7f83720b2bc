package dev.interdict.demo;

import dev.interdict.app.InterdictApp;
import dev.interdict.app.InterdictConfig;
import dev.interdict.avro.Alert;
import dev.interdict.avro.Decision;
import dev.interdict.contract.AvroMapping;
import dev.interdict.embedded.EmbeddedKafka;
import dev.interdict.lists.JsonlEntities;
import dev.interdict.screening.RestrictedEntity;
import dev.interdict.serde.MockSchemaRegistryClient;
import dev.interdict.topology.EventWriter;
import dev.interdict.topology.InterdictSerdes;
import dev.interdict.topology.TopicNames;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The demo: a real Kafka broker in this JVM, an in-memory schema registry, the Kaspersky list, a few hundred
 * generated events and a few malformed records, the real topology; prints each alert as it arrives and a summary.
 */
public final class Demo {

    /** What the demo saw. */
    public record Summary(int eventsProduced, int malformedProduced, int decisions, int violations, int reviews,
                          int clear, int alerts, int deadLetters, Duration elapsed) {
        /** Every record produced is accounted for: one decision per event, one dead letter per malformed record. */
        public boolean accountedFor() {
            return decisions == eventsProduced && deadLetters == malformedProduced;
        }
    }

    private final int events;
    private final long seed;
    private final PrintStream out;

    public Demo(int events, long seed, PrintStream out) {
        this.events = events;
        this.seed = seed;
        this.out = out;
    }

    /** Runs the demo; {@code keepRunning} keeps the broker and app up until the process is stopped. */
    public Summary run(boolean keepRunning) throws Exception {
        long started = System.nanoTime();
        quietKafkaLogs();
        TopicNames topics = TopicNames.DEFAULTS;
        String scope = "interdict-demo-" + ProcessHandle.current().pid();
        Map<String, Object> serdeConfig = Map.of("schema.registry.url", "mock://" + scope);
        Path stateDir = Files.createTempDirectory("interdict-demo-state");
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().build()) {
            kafka.start();
            out.println("Kafka broker (KRaft, in-process) at " + kafka.bootstrapServers());
            for (String t : List.of(topics.purchaseOrders(), topics.licenseRenewals(), topics.decisions(), topics.alerts())) {
                kafka.createTopic(t, 4, Map.of());
            }
            kafka.createTopic(topics.restrictedEntities(), 1, Map.of("cleanup.policy", "compact"));
            kafka.createTopic(topics.deadLetters(), 1, Map.of());

            InterdictSerdes serdes = InterdictSerdes.from(InterdictSerdes.avro(serdeConfig));
            int malformed = produce(kafka.bootstrapServers(), topics, serdes);

            Map<String, String> cfg = new HashMap<>();
            cfg.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            cfg.put(StreamsConfig.APPLICATION_ID_CONFIG, "interdict-demo");
            cfg.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
            cfg.put("schema.registry.url", "mock://" + scope);
            cfg.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
            cfg.put("interdict.metrics.port", "0");
            try (InterdictApp app = new InterdictApp(InterdictConfig.of(cfg), InterdictSerdes.avro(serdeConfig))) {
                app.start();
                Summary s = consume(kafka.bootstrapServers(), topics, serdes, malformed, started);
                printSummary(s);
                if (keepRunning) {
                    out.println("Still running (--keep-running). Bootstrap servers: " + kafka.bootstrapServers()
                            + "  schema registry: mock://" + scope + " (in this JVM only)  metrics: http://localhost:"
                            + app.opsPort() + "/metrics  Stop with Ctrl-C.");
                    Thread.currentThread().join();
                }
                return s;
            }
        } finally {
            MockSchemaRegistryClient.dropScope(scope);
            deleteTree(stateDir);
        }
    }

    private int produce(String bootstrap, TopicNames topics, InterdictSerdes serdes) throws Exception {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        List<RestrictedEntity> list;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(Demo.class.getResourceAsStream("/demo/entities.jsonl")), StandardCharsets.UTF_8))) {
            list = JsonlEntities.read(in, "demo/entities.jsonl", r -> {
                throw new IllegalStateException("demo list is invalid: " + r);
            });
        }
        int malformed = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            var entitySer = serdes.restrictedEntities().serializer();
            for (RestrictedEntity e : list) {
                producer.send(new ProducerRecord<>(topics.restrictedEntities(), e.entityId(),
                        entitySer.serialize(topics.restrictedEntities(), AvroMapping.toAvro(e))));
            }
            // a list record with no restriction: goes to the dead-letter topic, the list keeps working
            var invalid = AvroMapping.toAvro(list.get(0));
            invalid.setEntityId("demo-invalid-entity");
            invalid.setRestrictions(List.of());
            producer.send(new ProducerRecord<>(topics.restrictedEntities(), "demo-invalid-entity",
                    entitySer.serialize(topics.restrictedEntities(), invalid)));
            malformed++;
            producer.flush();
            out.printf("Published %d restricted entities (and 1 invalid one) to %s%n", list.size(), topics.restrictedEntities());

            EventWriter writer = new EventWriter(topics, serdes);
            for (SpecificRecord e : DemoEvents.generate(events, seed)) {
                producer.send(writer.record(e));
            }
            // malformed events: not Avro; an unknown schema id; a tombstone on an event topic
            producer.send(new ProducerRecord<>(topics.purchaseOrders(), "demo-garbage",
                    "{\"this is\": \"JSON, not Avro\"}".getBytes(StandardCharsets.UTF_8)));
            producer.send(new ProducerRecord<>(topics.licenseRenewals(), "demo-unknown-schema",
                    ByteBuffer.allocate(9).put((byte) 0).putInt(999_999).putInt(42).array()));
            producer.send(new ProducerRecord<>(topics.purchaseOrders(), "demo-tombstone", null));
            malformed += 3;
            producer.flush();
            out.printf("Produced %d events and 3 malformed records to %s and %s%n%n", events, topics.purchaseOrders(),
                    topics.licenseRenewals());
        }
        return malformed;
    }

    private Summary consume(String bootstrap, TopicNames topics, InterdictSerdes serdes, int malformed, long started) {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "interdict-demo-reader");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Deserializer<Decision> decisionDe = serdes.decisions().deserializer();
        Deserializer<Alert> alertDe = serdes.alerts().deserializer();
        int decisions = 0;
        int violations = 0;
        int reviews = 0;
        int clear = 0;
        int alerts = 0;
        int dead = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        out.printf("%-9s  %-15s  %-20s  %-22s  %-26s  %-30s  %-15s  %s%n", "VERDICT", "EVENT", "EVENT TIME (UTC)",
                "FIELD", "VALUE", "ENTITY", "RESTRICTION", "CITATION");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topics.decisions(), topics.alerts(), topics.deadLetters()));
            while ((decisions < events || dead < malformed) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.topic().equals(topics.deadLetters())) {
                        dead++;
                        var h = r.headers().lastHeader("__streams.errors.message");
                        out.printf("%-9s  from %s: %s%n", "DLQ", topicOf(r),
                                h == null ? "?" : abbreviate(new String(h.value(), StandardCharsets.UTF_8), 110));
                    } else if (r.topic().equals(topics.alerts())) {
                        alerts++;
                        Alert a = alertDe.deserialize(r.topic(), r.value());
                        out.printf("%-9s  %-15s  %-20s  %-22s  %-26s  %-30s  %-15s  %s%n", a.getVerdict(), a.getEventId(),
                                a.getEventTime().toString().replace("T", " ").replace("Z", ""), a.getMatchedField(),
                                abbreviate(a.getMatchedValue(), 26), abbreviate(a.getEntityId(), 30),
                                a.getActivity() + " " + a.getEffectiveFrom().toString().substring(0, 10), a.getCitation());
                    } else {
                        decisions++;
                        switch (decisionDe.deserialize(r.topic(), r.value()).getVerdict()) {
                            case VIOLATION -> violations++;
                            case REVIEW -> reviews++;
                            default -> clear++;
                        }
                    }
                }
            }
        }
        return new Summary(events, malformed, decisions, violations, reviews, clear, alerts, dead,
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** The demo prints every dead letter itself; Kafka's own warnings (with stack traces) would drown the table. */
    private static void quietKafkaLogs() {
        if (System.getenv("INTERDICT_KAFKA_LOG_LEVEL") == null
                && org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext ctx) {
            ctx.getLogger("org.apache.kafka").setLevel(ch.qos.logback.classic.Level.OFF);
            ctx.getLogger("kafka").setLevel(ch.qos.logback.classic.Level.OFF);
            ctx.getLogger("dev.interdict.alerts").setLevel(ch.qos.logback.classic.Level.WARN); // the table shows them
        }
    }

    private static String topicOf(ConsumerRecord<String, byte[]> r) {
        var h = r.headers().lastHeader("__streams.errors.topic");
        return h == null ? "?" : new String(h.value(), StandardCharsets.UTF_8);
    }

    private void printSummary(Summary s) {
        out.println();
        out.println("Summary");
        out.printf(Locale.ROOT, "  events screened   %6d of %d produced%n", s.decisions(), s.eventsProduced());
        out.printf(Locale.ROOT, "  VIOLATION         %6d%n", s.violations());
        out.printf(Locale.ROOT, "  REVIEW            %6d%n", s.reviews());
        out.printf(Locale.ROOT, "  CLEAR             %6d%n", s.clear());
        out.printf(Locale.ROOT, "  alerts            %6d%n", s.alerts());
        out.printf(Locale.ROOT, "  dead letters      %6d of %d malformed records%n", s.deadLetters(), s.malformedProduced());
        out.printf(Locale.ROOT, "  every record accounted for: %s; took %.1f s%n", s.accountedFor() ? "yes" : "NO",
                s.elapsed().toMillis() / 1000.0);
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception ignored) {
            // best effort: it is a temp directory
        }
    }
}
