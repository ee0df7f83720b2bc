package dev.interdict.it;

import dev.interdict.app.InterdictApp;
import dev.interdict.app.InterdictConfig;
import dev.interdict.avro.Decision;
import dev.interdict.avro.PurchaseOrder;
import dev.interdict.contract.JsonContract;
import dev.interdict.embedded.EmbeddedKafka;
import dev.interdict.replay.TopicScan;
import dev.interdict.serde.AvroSerdes;
import dev.interdict.testutil.FakeRegistry;
import dev.interdict.testutil.ItApp;
import dev.interdict.topology.EventWriter;
import dev.interdict.topology.InterdictSerdes;
import org.apache.avro.Schema;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The output side of "every event ends as exactly one decision or exactly one dead letter": a second instance set up
 * as an ERP team would (the .avsc files registered by hand, auto.register.schemas=false) but with the output subjects
 * missing must stop loudly — /health 503 within seconds, nothing dead-lettered, nothing decided — and once the
 * output subjects are registered, the same events are decided exactly once with no dead letter.
 */
class OutputSchemaIT {
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

    /** A schema of schemas/ with the types of the files before it inline, as registered from the .avsc files. */
    static String avsc(String... names) throws Exception {
        Schema.Parser parser = new Schema.Parser();
        Schema last = null;
        for (String n : names) {
            last = parser.parse(Files.readString(Path.of("schemas", n + ".avsc")));
        }
        return last.toString();
    }

    static PurchaseOrder order(String eventId, String supplier) {
        return JsonContract.purchaseOrder(JsonContract.parse("{\"type\":\"purchase_order\",\"eventId\":\"" + eventId
                + "\",\"poNumber\":\"p\",\"orderedAt\":\"2024-07-21T12:00:00Z\",\"buyer\":{\"name\":\"B\"},"
                + "\"supplier\":{\"name\":\"" + supplier + "\"},\"lines\":[],\"currency\":\"USD\"}"));
    }

    @Test
    @Timeout(240)
    void misconfiguredOutputSubjectStopsTheAppLoudlyWithNoDeadLetterAndOnceFixedEveryEventIsDecidedOnce(
            @TempDir Path dir) throws Exception {
        String prefix = "os";
        ItApp.createTopics(kafka, prefix);
        try (FakeRegistry registry = new FakeRegistry()) {
            registry.preload(prefix + ".po-value", avsc("Party", "PurchaseOrder"));
            registry.preload(prefix + ".lr-value", avsc("Party", "LicenseRenewal"));
            registry.preload(prefix + ".list-value", avsc("Activity", "RestrictedEntity"));
            Map<String, Object> serde = Map.of("schema.registry.url", registry.url(), "auto.register.schemas", "false");
            Set<String> events = new TreeSet<>();
            try (KafkaProducer<String, byte[]> p = ItApp.producer(kafka)) {
                ItApp.publishList(p, prefix, ItApp.sampleEntities(), serde);
                EventWriter writer = new EventWriter(prefix + ".po", prefix + ".lr",
                        InterdictSerdes.from(InterdictSerdes.avro(serde)));
                for (int i = 0; i < 10; i++) {
                    String id = "os-" + i;
                    p.send(writer.record(order(id, i % 2 == 0 ? "Kaspersky Lab, Inc." : "Acme Office Supplies")));
                    events.add(id);
                }
                p.flush();
            }
            assertEquals(1, registry.versions(prefix + ".po-value").size(), "publishing found the .avsc, no new version");

            Map<String, String> cfg = ItApp.config(kafka, prefix, dir, "unused");
            cfg.put("schema.registry.url", registry.url());
            cfg.put("auto.register.schemas", "false");
            cfg.put(InterdictConfig.METRICS_PORT, "0");
            Map<String, Object> client = new HashMap<>(kafka.clientProperties());
            try (InterdictApp app = new InterdictApp(InterdictConfig.of(cfg), InterdictSerdes.avro(serde))) {
                app.start();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (app.streams().state() != KafkaStreams.State.ERROR && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                assertEquals(KafkaStreams.State.ERROR, app.streams().state(), "stops instead of dead-lettering results");
                assertTrue(InterdictBrokerIT.get(app.opsPort(), "/health").startsWith("503"));
            }
            List<String> dead = new ArrayList<>();
            List<String> decided = new ArrayList<>();
            TopicScan.readAll(client, List.of(prefix + ".dlq", prefix + ".decisions", prefix + ".alerts"), r -> {
                (r.topic().endsWith(".dlq") ? dead : decided).add(r.topic());
            });
            assertEquals(List.of(), dead, "good input is never a dead letter because an output cannot be written");
            assertEquals(List.of(), decided);

            // the operator registers the output schemas from the .avsc files: the same events, each decided once
            registry.preload(prefix + ".decisions-value", avsc("Activity", "Verdict", "Alert", "Decision"));
            registry.preload(prefix + ".alerts-value", avsc("Activity", "Verdict", "Alert"));
            var decisionsDe = AvroSerdes.forClass(Decision.class, serde).deserializer();
            try (InterdictApp app = new InterdictApp(InterdictConfig.of(cfg), InterdictSerdes.avro(serde))) {
                app.start();
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (System.nanoTime() < deadline) {
                    decided.clear();
                    dead.clear();
                    TopicScan.readAll(client, List.of(prefix + ".decisions", prefix + ".dlq"), r -> {
                        if (r.topic().endsWith(".dlq")) {
                            dead.add(r.topic());
                        } else {
                            decided.add(decisionsDe.deserialize(r.topic(), r.value()).getEventId());
                        }
                    });
                    if (decided.size() >= events.size()) {
                        break;
                    }
                    Thread.sleep(500);
                }
                assertEquals(KafkaStreams.State.RUNNING, app.streams().state());
            }
            assertEquals(events.size(), decided.size(), "each event decided exactly once: " + decided);
            assertEquals(events, new TreeSet<>(decided));
            assertEquals(List.of(), dead);
            assertEquals(1, registry.versions(prefix + ".decisions-value").size(), "one version for one schema");
            assertEquals(1, registry.versions(prefix + ".alerts-value").size());
        }
    }
}
