package dev.interdict.it;

import dev.interdict.app.InterdictApp;
import dev.interdict.app.InterdictConfig;
import dev.interdict.avro.Decision;
import dev.interdict.contract.AvroMapping;
import dev.interdict.contract.JsonContract;
import dev.interdict.demo.DemoEvents;
import dev.interdict.embedded.EmbeddedKafka;
import dev.interdict.screening.RestrictedEntity;
import dev.interdict.screening.Screener;
import dev.interdict.serde.AvroSerdes;
import dev.interdict.serde.MockSchemaRegistryClient;
import dev.interdict.replay.TopicScan;
import dev.interdict.testutil.ItApp;
import dev.interdict.topology.EventWriter;
import dev.interdict.topology.InterdictSerdes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The broker stops and restarts in the middle of a run: every event still ends as exactly one decision, unchanged. */
class BrokerRestartIT {
    static final int EVENTS = 20_000;

    @Test
    @Timeout(240)
    void brokerRestartedMidRunEveryEventDecidedExactlyOnceAsInACleanRun(@TempDir Path dir) throws Exception {
        String scope = "broker-restart-it";
        Map<String, Object> serde = Map.of("schema.registry.url", "mock://" + scope);
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().build().start()) {
            ItApp.createTopics(kafka, "br");
            List<RestrictedEntity> list = ItApp.sampleEntities();
            Screener offline = new Screener();
            offline.upsertAll(list);
            TreeMap<String, String> expected = new TreeMap<>();
            try (KafkaProducer<String, byte[]> p = ItApp.producer(kafka)) {
                ItApp.publishList(p, "br", list, serde);
                EventWriter writer = new EventWriter("br.po", "br.lr", InterdictSerdes.from(InterdictSerdes.avro(serde)));
                for (SpecificRecord e : DemoEvents.generate(EVENTS, 5)) {
                    var d = offline.screen(AvroMapping.toScreeningEvent(e));
                    expected.put(d.eventId(), JsonContract.toLine(JsonContract.decision(d)));
                    p.send(writer.record(e));
                }
            }
            Map<String, String> cfg = ItApp.config(kafka, "br", dir, scope);
            long atStop;
            try (InterdictApp app = new InterdictApp(InterdictConfig.of(cfg), InterdictSerdes.avro(serde))) {
                app.start();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (committed(kafka) < 2_000 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                atStop = committed(kafka);
                kafka.stop();
                Thread.sleep(3_000);
                kafka.restart();
                deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
                while (committed(kafka) < EVENTS && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                assertEquals(EVENTS, committed(kafka), "every event consumed after the restart");
            }
            assertTrue(atStop < EVENTS, "the broker stopped mid-run (" + atStop + " committed)");
            FaultToleranceIT.awaitNoOpenTransactions(kafka, List.of("br.decisions"));
            Map<String, List<String>> decisions = new HashMap<>();
            var de = AvroSerdes.forClass(Decision.class, serde).deserializer();
            TopicScan.readAll(kafka.clientProperties(), List.of("br.decisions"), r -> {
                Decision d = de.deserialize(r.topic(), r.value());
                decisions.computeIfAbsent(d.getEventId(), k -> new ArrayList<>())
                        .add(JsonContract.toLine(JsonContract.decision(AvroMapping.fromAvro(d))));
            });
            assertEquals(EVENTS, decisions.size());
            assertTrue(decisions.values().stream().allMatch(l -> l.size() == 1), "an event decided twice");
            expected.forEach((id, json) -> assertEquals(json, decisions.get(id).get(0)));
        } finally {
            MockSchemaRegistryClient.dropScope(scope);
        }
    }

    static long committed(EmbeddedKafka kafka) throws Exception {
        return committed(kafka, "br", "br.po", "br.lr");
    }

    /** Input offsets committed by a group, summed over the partitions of two topics; -1 while the broker is down. */
    static long committed(EmbeddedKafka kafka, String group, String topic1, String topic2) throws Exception {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(topic1) || e.getKey().topic().equals(topic2))
                    .mapToLong(e -> e.getValue() == null ? 0 : e.getValue().offset()).sum();
        } catch (Exception brokerDown) {
            return -1;
        }
    }
}
