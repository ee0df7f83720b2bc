package dev.interdict.it;

import dev.interdict.app.InterdictApp;
import dev.interdict.app.InterdictConfig;
import dev.interdict.avro.Decision;
import dev.interdict.avro.PurchaseOrder;
import dev.interdict.avro.Verdict;
import dev.interdict.contract.JsonContract;
import dev.interdict.embedded.EmbeddedKafka;
import dev.interdict.replay.TopicScan;
import dev.interdict.serde.AvroSerdes;
import dev.interdict.serde.MockSchemaRegistryClient;
import dev.interdict.testutil.HostileAvro;
import dev.interdict.testutil.ItApp;
import dev.interdict.topology.EventWriter;
import dev.interdict.topology.InterdictSerdes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile input on a real broker with its default limits (a record timestamp more than 1 h ahead of the broker's
 * clock is refused: {@code log.message.timestamp.after.max.ms}): records whose Avro lengths claim gigabytes, and
 * future-dated events, interleaved with ordinary events; and events that arrive while no list is loaded.
 */
class HostileInputIT {
    static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.builder().build().start();
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    static PurchaseOrder order(String eventId, Instant at) {
        return JsonContract.purchaseOrder(JsonContract.parse("{\"type\":\"purchase_order\",\"eventId\":\"" + eventId
                + "\",\"poNumber\":\"p\",\"orderedAt\":\"" + at + "\",\"buyer\":{\"name\":\"B\"},"
                + "\"supplier\":{\"name\":\"Kaspersky Lab, Inc.\"},\"lines\":[],\"currency\":\"USD\"}"));
    }

    static Map<String, String> config(String prefix, Path dir, String scope) {
        Map<String, String> cfg = ItApp.config(kafka, prefix, dir, scope);
        cfg.put(InterdictConfig.METRICS_PORT, "0");
        return cfg;
    }

    @Test
    @Timeout(180)
    void poisonRecordsInterleavedWithGoodEventsEveryGoodEventDecidedOnceEveryBadOneADeadLetterAndTheAppNeverStops(
            @TempDir Path dir) throws Exception {
        String scope = "hostile-it";
        String prefix = "hi";
        Map<String, Object> serde = Map.of("schema.registry.url", "mock://" + scope);
        ItApp.createTopics(kafka, prefix);
        Set<String> good = new TreeSet<>();
        Set<String> future = new HashSet<>();
        Set<String> bad = new TreeSet<>();
        try (KafkaProducer<String, byte[]> p = ItApp.producer(kafka)) {
            ItApp.publishList(p, prefix, ItApp.sampleEntities(), serde);
            p.send(new ProducerRecord<>(prefix + ".list", "hostile-entity",
                    HostileAvro.listRecordWithHugeEntityId(scope, prefix + ".list-value")));
            bad.add("hostile-entity");
            EventWriter writer = new EventWriter(prefix + ".po", prefix + ".lr",
                    InterdictSerdes.from(InterdictSerdes.avro(serde)));
            for (int i = 0; i < 200; i++) {
                boolean scheduled = i % 4 == 0; // two hours ahead of the broker's clock
                Instant at = scheduled ? Instant.now().plus(Duration.ofHours(2))
                        : Instant.parse("2024-07-21T00:00:00Z").plusSeconds(i);
                String id = "hi-" + i;
                p.send(writer.record(order(id, at)));
                good.add(id);
                if (scheduled) {
                    future.add(id);
                }
                if (i % 10 == 5) {
                    String key = "bad-" + i;
                    byte[] value = i % 20 == 5 ? HostileAvro.orderWithHugeSupplierName(scope, prefix + ".po-value")
                            : HostileAvro.orderWithHugeLinesCount(scope, prefix + ".po-value");
                    p.send(new ProducerRecord<>(prefix + ".po", key, value));
                    bad.add(key);
                }
            }
        }
        Map<String, Object> client = new HashMap<>(kafka.clientProperties());
        var decisionsDe = AvroSerdes.forClass(Decision.class, serde).deserializer();
        try (InterdictApp app = new InterdictApp(InterdictConfig.of(config(prefix, dir, scope)),
                InterdictSerdes.avro(serde))) {
            app.start();
            List<String> decided = new ArrayList<>();
            List<String> dead = new ArrayList<>();
            Map<String, Decision> decisions = new HashMap<>();
            Map<String, Long> timestamps = new HashMap<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline) {
                assertTrue(app.streams().state().isRunningOrRebalancing(), "the application never stops");
                decided.clear();
                dead.clear();
                TopicScan.readAll(client, List.of(prefix + ".decisions", prefix + ".dlq"), r -> {
                    if (r.topic().endsWith(".dlq")) {
                        dead.add(new String(r.key(), StandardCharsets.UTF_8));
                    } else {
                        Decision d = decisionsDe.deserialize(r.topic(), r.value());
                        decided.add(d.getEventId());
                        decisions.put(d.getEventId(), d);
                        timestamps.put(d.getEventId(), r.timestamp());
                    }
                });
                if (decided.size() >= good.size() && dead.size() >= bad.size()) {
                    break;
                }
                Thread.sleep(500);
            }
            Thread.sleep(1_000);
            assertEquals(KafkaStreams.State.RUNNING, app.streams().state(), "the application never stops");
            assertEquals(KafkaStreams.State.RUNNING, app.listValidation().state());
            assertEquals(4, app.screener().size(), "the hostile list record skipped, the list intact");
            assertEquals(good.size(), decided.size(), "every good event decided exactly once");
            assertEquals(good, new TreeSet<>(decided));
            assertEquals(bad, new TreeSet<>(dead), "every bad record a dead letter, once");
            long now = System.currentTimeMillis();
            for (String id : future) {
                assertEquals(Verdict.VIOLATION, decisions.get(id).getVerdict(), id);
                assertTrue(timestamps.get(id) <= now, "written with the input record's timestamp, not 2 h ahead");
                assertTrue(decisions.get(id).getEventTime().toEpochMilli() > now + Duration.ofMinutes(90).toMillis(),
                        "the decision keeps the event's own time");
            }
            List<ConsumerRecord<byte[], byte[]>> deadRecords = new ArrayList<>();
            TopicScan.readAll(client, List.of(prefix + ".dlq"), deadRecords::add);
            for (ConsumerRecord<byte[], byte[]> r : deadRecords) {
                String reason = new String(r.headers().lastHeader("__streams.errors.message").value(),
                        StandardCharsets.UTF_8);
                assertTrue(reason.contains("corrupt or hostile") || reason.contains("invalid"), reason);
            }
        } finally {
            MockSchemaRegistryClient.dropScope(scope);
        }
    }

    @Test
    @Timeout(120)
    void withNoListLoadedEventsAreHeldNotDecidedClearAndAreDecidedOnceTheListArrives(@TempDir Path dir)
            throws Exception {
        String scope = "no-list-it";
        String prefix = "nl";
        Map<String, Object> serde = Map.of("schema.registry.url", "mock://" + scope);
        ItApp.createTopics(kafka, prefix);
        Map<String, Object> client = new HashMap<>(kafka.clientProperties());
        var decisionsDe = AvroSerdes.forClass(Decision.class, serde).deserializer();
        try (InterdictApp app = new InterdictApp(InterdictConfig.of(config(prefix, dir, scope)),
                InterdictSerdes.avro(serde));
             KafkaProducer<String, byte[]> p = ItApp.producer(kafka)) {
            app.start();
            EventWriter writer = new EventWriter(prefix + ".po", prefix + ".lr",
                    InterdictSerdes.from(InterdictSerdes.avro(serde)));
            p.send(writer.record(order("nl-1", Instant.parse("2024-07-21T00:00:00Z")))).get();
            Thread.sleep(3_000);
            List<Decision> decisions = new ArrayList<>();
            TopicScan.readAll(client, List.of(prefix + ".decisions"),
                    r -> decisions.add(decisionsDe.deserialize(r.topic(), r.value())));
            assertEquals(List.of(), decisions, "no list, no verdict (it was CLEAR)");
            String ready = InterdictBrokerIT.get(app.opsPort(), "/ready");
            assertTrue(ready.startsWith("503 ") && ready.contains("\"listEntities\":0"), ready);
            assertTrue(InterdictBrokerIT.get(app.opsPort(), "/metrics").contains("interdict_screening_held 1.0"));

            ItApp.publishList(p, prefix, ItApp.sampleEntities(), serde);
            p.flush();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (decisions.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(500);
                TopicScan.readAll(client, List.of(prefix + ".decisions"),
                        r -> decisions.add(decisionsDe.deserialize(r.topic(), r.value())));
            }
            Thread.sleep(1_000);
            decisions.clear();
            TopicScan.readAll(client, List.of(prefix + ".decisions"),
                    r -> decisions.add(decisionsDe.deserialize(r.topic(), r.value())));
            assertEquals(1, decisions.size(), decisions::toString);
            assertEquals(Verdict.VIOLATION, decisions.get(0).getVerdict());
            assertTrue(app.awaitRunning(Duration.ofSeconds(30)), () -> "state " + app.streams().state());
            assertTrue(InterdictBrokerIT.get(app.opsPort(), "/metrics").contains("interdict_screening_held 0.0"));
        } finally {
            MockSchemaRegistryClient.dropScope(scope);
        }
    }
}
