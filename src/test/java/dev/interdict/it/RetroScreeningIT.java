package dev.interdict.it;

import dev.interdict.app.InterdictApp;
import dev.interdict.app.InterdictConfig;
import dev.interdict.avro.Alert;
import dev.interdict.avro.PurchaseOrder;
import dev.interdict.contract.JsonContract;
import dev.interdict.embedded.EmbeddedKafka;
import dev.interdict.replay.TopicScan;
import dev.interdict.screening.RestrictedEntity;
import dev.interdict.serde.AvroSerdes;
import dev.interdict.serde.MockSchemaRegistryClient;
import dev.interdict.testutil.ItApp;
import dev.interdict.topology.EventWriter;
import dev.interdict.topology.InterdictSerdes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Retro-screening across a restart on a real broker: the events screened by one instance, which then stops, are
 * re-screened by the next (fresh local state, restored from the changelogs, plus the records processed after the open
 * range was last written, read back from the input topics) when the list changes: one retro alert per event.
 */
class RetroScreeningIT {
    static final int EVENTS = 600;

    @Test
    @Timeout(180)
    void eventsScreenedBeforeARestartGetOneRetroAlertEachWhenTheirEntityIsListedLater(@TempDir Path dir) throws Exception {
        String scope = "retro-it";
        Map<String, Object> serde = Map.of("schema.registry.url", "mock://" + scope);
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().build().start()) {
            ItApp.createTopics(kafka, "rs");
            List<RestrictedEntity> list = ItApp.sampleEntities();
            try (KafkaProducer<String, byte[]> p = ItApp.producer(kafka)) {
                // a list without the Kaspersky entities (without any list nothing is decided): every order below is
                // CLEAR when screened
                ItApp.publishList(p, "rs", List.of(ItApp.unrelatedEntity()), serde);
                EventWriter writer = new EventWriter("rs.po", "rs.lr", InterdictSerdes.from(InterdictSerdes.avro(serde)));
                for (int i = 0; i < EVENTS; i++) {
                    p.send(writer.record(order("rs-" + i, Instant.parse("2024-08-01T00:00:00Z").plusSeconds(i))));
                }
            }
            Map<String, String> cfg = ItApp.config(kafka, "rs", dir.resolve("first"), scope);
            try (InterdictApp app = new InterdictApp(InterdictConfig.of(cfg), InterdictSerdes.avro(serde))) {
                app.start();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (BrokerRestartIT.committed(kafka, "rs", "rs.po", "rs.lr") < EVENTS && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertEquals(EVENTS, BrokerRestartIT.committed(kafka, "rs", "rs.po", "rs.lr"));
            }
            // a second instance with empty local state; then the Kaspersky entities are published
            cfg = ItApp.config(kafka, "rs", dir.resolve("second"), scope);
            try (InterdictApp app = new InterdictApp(InterdictConfig.of(cfg), InterdictSerdes.avro(serde))) {
                app.start();
                try (KafkaProducer<String, byte[]> p = ItApp.producer(kafka)) {
                    ItApp.publishList(p, "rs", list.stream().filter(e -> e.entityId().equals("icts-2021-002-kaspersky")).toList(),
                            serde);
                }
                var de = AvroSerdes.forClass(Alert.class, serde).deserializer();
                List<Alert> alerts = new ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (System.nanoTime() < deadline) {
                    alerts.clear();
                    TopicScan.readAll(kafka.clientProperties(), List.of("rs.alerts"),
                            r -> alerts.add(de.deserialize(r.topic(), r.value())));
                    if (alerts.size() >= EVENTS) {
                        break;
                    }
                    Thread.sleep(500);
                }
                Thread.sleep(2_000); // anything raised twice would arrive now
                alerts.clear();
                TopicScan.readAll(kafka.clientProperties(), List.of("rs.alerts"), r -> alerts.add(de.deserialize(r.topic(), r.value())));
                Set<String> events = new HashSet<>();
                Set<String> ids = new HashSet<>();
                for (Alert a : alerts) {
                    assertTrue(a.getRetro(), a::toString);
                    assertEquals("icts-2021-002-kaspersky", a.getEntityId());
                    assertTrue(ids.add(a.getAlertId()), "alert raised twice: " + a.getAlertId());
                    events.add(a.getEventId());
                }
                assertEquals(EVENTS, events.size(), "every event screened before the restart has its retro alert");
                assertEquals(EVENTS, alerts.size());
            }
        } finally {
            MockSchemaRegistryClient.dropScope(scope);
        }
    }

    private static PurchaseOrder order(String eventId, Instant at) {
        return JsonContract.purchaseOrder(JsonContract.parse("{\"type\":\"purchase_order\",\"eventId\":\"" + eventId
                + "\",\"poNumber\":\"p\",\"orderedAt\":\"" + at + "\",\"buyer\":{\"name\":\"B\"},"
                + "\"supplier\":{\"name\":\"Kaspersky Lab, Inc.\"},\"lines\":[],\"currency\":\"USD\"}"));
    }
}
