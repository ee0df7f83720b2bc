package dev.interdict.it;

import dev.interdict.app.InterdictApp;
import dev.interdict.app.InterdictConfig;
import dev.interdict.avro.Alert;
import dev.interdict.avro.Decision;
import dev.interdict.contract.AvroMapping;
import dev.interdict.contract.JsonContract;
import dev.interdict.embedded.EmbeddedKafka;
import dev.interdict.lists.JsonlEntities;
import dev.interdict.screening.RestrictedEntity;
import dev.interdict.screening.Screener;
import dev.interdict.serde.AvroSerdes;
import dev.interdict.serde.MockSchemaRegistryClient;
import dev.interdict.testutil.ItApp;
import dev.interdict.testutil.Shared;
import dev.interdict.topology.EventWriter;
import dev.interdict.topology.InterdictSerdes;
import dev.interdict.topology.TopicNames;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * End to end on a real in-process Kafka broker under exactly_once_v2: the shared screening cases are produced with
 * the Confluent-format serde together with malformed records; decisions, alerts and dead letters are read with a
 * read_committed consumer and checked against offline screening and the accounting invariant.
 */
class InterdictBrokerIT {
    static EmbeddedKafka kafka;
    static final TopicNames TOPICS = TopicNames.DEFAULTS;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.builder().build().start();
        for (String t : List.of(TOPICS.purchaseOrders(), TOPICS.licenseRenewals(), TOPICS.decisions(), TOPICS.alerts())) {
            kafka.createTopic(t, 4, Map.of());
        }
        kafka.createTopic(TOPICS.restrictedEntities(), 1, Map.of("cleanup.policy", "compact"));
        kafka.createTopic(TOPICS.deadLetters(), 1, Map.of());
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    @Timeout(60)
    void loadListPublishesEveryCslRowToTheCompactedTopicKeyedByEntityId(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String topic = "it.csl-list";
        Path config = ItApp.listTopicAndConfig(kafka, topic, "load-list-it", dir);
        int status = dev.interdict.cli.Main.execute("load-list", "--file", Shared.file("data/csl-sample.csv").toString(),
                "--format", "csl", "--config", config.toString());
        assertEquals(0, status);
        var de = AvroSerdes.forClass(dev.interdict.avro.RestrictedEntity.class,
                Map.of("schema.registry.url", "mock://load-list-it")).deserializer();
        Map<String, dev.interdict.avro.RestrictedEntity> read = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "load-list-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (read.size() < 13 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    var e = de.deserialize(r.topic(), r.value());
                    assertEquals(r.key(), e.getEntityId());
                    read.put(r.key(), e);
                }
            }
        } finally {
            MockSchemaRegistryClient.dropScope("load-list-it");
        }
        assertEquals(13, read.size());
    }

    @Test
    @Timeout(120)
    void everyEventEndsAsExactlyOneDecisionOrDeadLetterAndDecisionsMatchOfflineScreening() throws Exception {
        String scope = "broker-it";
        Map<String, Object> serdeConfig = Map.of("schema.registry.url", "mock://" + scope);
        InterdictSerdes.Factory factory = InterdictSerdes.avro(serdeConfig);
        InterdictSerdes serdes = InterdictSerdes.from(factory);

        List<RestrictedEntity> list;
        Path entities = Shared.file("data/sample-entities.jsonl");
        try (BufferedReader in = Files.newBufferedReader(entities)) {
            list = JsonlEntities.read(in, entities.toString(), r -> fail("rejected " + r));
        }
        Screener offline = new Screener();
        offline.upsertAll(list);

        Map<String, String> expectedDecisions = new TreeMap<>();
        int expectedAlertCount = 0;
        int malformed = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                "acks", "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (RestrictedEntity e : list) {
                producer.send(new ProducerRecord<>(TOPICS.restrictedEntities(), e.entityId(),
                        serdes.restrictedEntities().serializer().serialize(TOPICS.restrictedEntities(), AvroMapping.toAvro(e))));
            }
            producer.flush();
            EventWriter writer = new EventWriter(TOPICS, serdes);
            for (String line : Files.readAllLines(Shared.file("cases/screening-cases.jsonl"))) {
                if (line.isBlank()) {
                    continue;
                }
                SpecificRecord event = JsonContract.event(JsonContract.parse(line));
                var d = offline.screen(AvroMapping.toScreeningEvent(event));
                expectedAlertCount += d.alerts().size();
                expectedDecisions.put(d.eventId(), JsonContract.toLine(JsonContract.decision(d)));
                producer.send(writer.record(event));
            }
            producer.send(new ProducerRecord<>(TOPICS.purchaseOrders(), "garbage", "not avro".getBytes(StandardCharsets.UTF_8)));
            producer.send(new ProducerRecord<>(TOPICS.licenseRenewals(), "unknown-schema",
                    ByteBuffer.allocate(6).put((byte) 0).putInt(424242).put((byte) 2).array()));
            producer.send(new ProducerRecord<>(TOPICS.purchaseOrders(), "tombstone", null));
            malformed = 3;
        }

        Path state = Files.createTempDirectory("interdict-it-state");
        Map<String, String> cfg = new HashMap<>();
        cfg.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        cfg.put(StreamsConfig.APPLICATION_ID_CONFIG, "interdict-it");
        cfg.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        cfg.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
        cfg.put("schema.registry.url", "mock://" + scope);
        cfg.put("interdict.metrics.port", "0");
        String metrics;
        String ready;
        String health;

        Map<String, Decision> decisions = new TreeMap<>();
        List<String> decisionKeys = new ArrayList<>();
        List<Alert> alerts = new ArrayList<>();
        List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
        try (InterdictApp app = new InterdictApp(InterdictConfig.of(cfg), factory)) {
            app.start();
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "it-reader",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(TOPICS.decisions(), TOPICS.alerts(), TOPICS.deadLetters()));
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while ((decisionKeys.size() < expectedDecisions.size() || dead.size() < malformed
                        || alerts.size() < expectedAlertCount) && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        if (r.topic().equals(TOPICS.decisions())) {
                            Decision d = serdes.decisions().deserializer().deserialize(r.topic(), r.value());
                            decisionKeys.add(new String(r.key(), StandardCharsets.UTF_8));
                            decisions.put(d.getEventId(), d);
                        } else if (r.topic().equals(TOPICS.alerts())) {
                            alerts.add(serdes.alerts().deserializer().deserialize(r.topic(), r.value()));
                        } else {
                            dead.add(r);
                        }
                    }
                }
                // anything more that arrives in the next second would be a duplicate
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                    if (r.topic().equals(TOPICS.decisions())) {
                        decisionKeys.add(new String(r.key(), StandardCharsets.UTF_8));
                    } else if (r.topic().equals(TOPICS.alerts())) {
                        alerts.add(serdes.alerts().deserializer().deserialize(r.topic(), r.value()));
                    } else {
                        dead.add(r);
                    }
                }
            }
            ready = get(app.opsPort(), "/ready");
            health = get(app.opsPort(), "/health");
            metrics = get(app.opsPort(), "/metrics");
            // the auditors' replay: same decisions as the live run, byte-identical twice, and --verify agrees
            var replay = new dev.interdict.replay.Replay(InterdictConfig.of(cfg));
            var first = replay.run(java.time.Instant.EPOCH, java.time.Instant.parse("9999-01-01T00:00:00Z"));
            var second = replay.run(java.time.Instant.EPOCH, java.time.Instant.parse("9999-01-01T00:00:00Z"));
            assertEquals(new TreeMap<>(expectedDecisions), first.decisions());
            assertEquals(String.join("\n", first.decisions().values()), String.join("\n", second.decisions().values()));
            assertEquals(3, first.unreadable(), "the three dead letters are unreadable to the replay too");
            assertEquals(List.of(), replay.verify(first));
            var july = replay.run(java.time.Instant.parse("2024-07-01T00:00:00Z"), java.time.Instant.parse("2024-08-01T00:00:00Z"));
            assertTrue(july.decisions().size() > 0 && july.decisions().size() < expectedDecisions.size(), july::toString);
        } finally {
            MockSchemaRegistryClient.dropScope(scope);
        }

        // accounting: exactly one decision per event, exactly one dead letter per malformed record
        assertEquals(expectedDecisions.size(), decisionKeys.size(), "one decision per event: " + decisionKeys);
        assertEquals(new TreeMap<>(expectedDecisions).keySet(), Set.copyOf(decisionKeys));
        assertEquals(malformed, dead.size(), "one dead letter per malformed record");
        Set<String> deadKeys = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> r : dead) {
            deadKeys.add(new String(r.key(), StandardCharsets.UTF_8));
            assertTrue(r.headers().lastHeader("__streams.errors.exception") != null, "reason header");
            assertTrue(r.headers().lastHeader("__streams.errors.message") != null, "message header");
        }
        assertEquals(Set.of("garbage", "unknown-schema", "tombstone"), deadKeys);
        ConsumerRecord<byte[], byte[]> garbage = dead.stream().filter(r -> new String(r.key(), StandardCharsets.UTF_8)
                .equals("garbage")).findFirst().orElseThrow();
        assertEquals("not avro", new String(garbage.value(), StandardCharsets.UTF_8), "original bytes kept");

        // contents: the same decisions as offline screening, and every alert of them on the alerts topic
        for (var e : expectedDecisions.entrySet()) {
            assertEquals(e.getValue(), JsonContract.toLine(JsonContract.decision(AvroMapping.fromAvro(decisions.get(e.getKey())))));
        }
        Set<String> alertIds = new HashSet<>();
        for (Alert a : alerts) {
            assertTrue(alertIds.add(a.getAlertId()), "duplicate alertId " + a.getAlertId());
        }
        long expectedAlerts = decisions.values().stream().mapToLong(d -> d.getAlerts().size()).sum();
        assertEquals(expectedAlerts, alerts.size());

        // operations: ready and healthy, and the counters moved with what was processed
        assertTrue(ready.startsWith("200 ") && ready.contains("\"listEntities\":4"), ready);
        assertTrue(health.startsWith("200 ") && health.contains("UP"), health);
        long orders = expectedDecisions.values().stream().filter(l -> l.contains("\"purchase_order\"")).count();
        assertTrue(metrics.contains("interdict_events_screened_total{type=\"purchase_order\"} " + orders + ".0"), metrics);
        assertTrue(metrics.contains("interdict_events_screened_total{type=\"license_renewal\"} "
                + (expectedDecisions.size() - orders) + ".0"), metrics);
        long violations = alerts.stream().filter(a -> a.getVerdict() == dev.interdict.avro.Verdict.VIOLATION
                && a.getSource().equals("BIS Entity List")).count();
        assertTrue(metrics.contains("interdict_alerts_total{source=\"BIS Entity List\",verdict=\"VIOLATION\"} " + violations + ".0"), metrics);
        assertTrue(metrics.contains("interdict_dead_letters_total{stage=\"deserialization\"} 2.0"), metrics);
        assertTrue(metrics.contains("interdict_dead_letters_total{stage=\"processing\"} 1.0"), metrics);
        assertTrue(metrics.contains("interdict_list_entities 4.0"), metrics);
        assertTrue(metrics.contains("interdict_screening_seconds_bucket"), "latency histogram");
        assertTrue(metrics.contains("kafka_stream_thread_"), "Kafka Streams' own metrics");
    }

    /** "STATUS body" of an HTTP GET on the app's ops port. */
    static String get(int port, String path) throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var response = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }
}
