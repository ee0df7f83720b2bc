package dev.interdict.it;

import dev.interdict.app.InterdictApp;
import dev.interdict.app.InterdictConfig;
import dev.interdict.avro.PurchaseOrder;
import dev.interdict.contract.JsonContract;
import dev.interdict.embedded.EmbeddedKafka;
import dev.interdict.testutil.FakeRegistry;
import dev.interdict.testutil.ItApp;
import dev.interdict.topology.EventWriter;
import dev.interdict.topology.InterdictSerdes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Restarts on a real broker. Under the classic group protocol a member that goes away without a LeaveGroup keeps its
 * partitions until its session expires ({@code session.timeout.ms}, 45 s by default): the next instance's first
 * rebalance waits for that. The bounds below (15 s) are far under those 45 s and far above the few seconds a restart
 * takes when the group does not wait; they are functional checks of "does not wait for the session to expire", not
 * performance figures.
 */
class RestartIT {
    static final int EVENTS = 200;
    static final Duration NO_SESSION_WAIT = Duration.ofSeconds(15);

    /** A clean close leaves the group: the next instance (same application.id) decides at once, not after 45 s. */
    @Test
    @Timeout(240)
    void afterACleanCloseTheRestartedInstanceDecidesItsFirstNewEventWithin15sNotAfterTheOldSessionExpires(@TempDir Path dir)
            throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().build().start(); FakeRegistry registry = new FakeRegistry()) {
            Setup s = new Setup(kafka, registry, "rc");
            Map<String, String> cfg = s.config(dir.resolve("state"));
            try (InterdictApp first = s.app(cfg)) {
                first.start();
                s.awaitCommitted(EVENTS);
            } // clean close, as on SIGTERM
            long start = System.nanoTime();
            try (InterdictApp second = s.app(cfg)) {
                second.start();
                s.publish("rc-new");
                Duration firstDecision = s.awaitDecision("rc-new", start);
                Duration ready = s.awaitBothRunning(second, start);
                System.out.printf("RestartIT: clean close, restart: first new event decided %d ms after start, both"
                        + " Streams applications RUNNING after %d ms%n", firstDecision.toMillis(), ready.toMillis());
                assertTrue(firstDecision.compareTo(NO_SESSION_WAIT) < 0, "first decision after " + firstDecision
                        + ": the restarted instance waited for the old member's session to expire");
                assertTrue(ready.compareTo(NO_SESSION_WAIT) < 0, "ready after " + ready
                        + ": one of the two applications waited for the old member's session to expire");
            }
        }
    }

    /**
     * Static membership: an instance killed abruptly (SIGKILL, no close at all) and started again with the same
     * {@code group.instance.id} takes its partitions back at once instead of waiting for its session to expire.
     */
    @Test
    @Timeout(240)
    void aKilledStaticMemberRestartedWithTheSameGroupInstanceIdDecidesWithin15sNotAfterItsSessionExpires(@TempDir Path dir)
            throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().build().start(); FakeRegistry registry = new FakeRegistry()) {
            Setup s = new Setup(kafka, registry, "rk");
            Map<String, String> cfg = s.config(dir.resolve("state"));
            cfg.put("group.instance.id", "interdict-0");
            Process killed = ItApp.startJar(cfg, dir.resolve("killed.log"));
            try {
                s.awaitCommitted(EVENTS);
                Thread.sleep(1_000); // idle: its last transaction is committed, none is left open
            } finally {
                killed.destroyForcibly().waitFor();
            }
            assertEquals(EVENTS, s.committed(), Files.readString(dir.resolve("killed.log")));
            long start = System.nanoTime();
            try (InterdictApp restarted = s.app(cfg)) {
                restarted.start();
                s.publish("rk-new");
                Duration firstDecision = s.awaitDecision("rk-new", start);
                System.out.printf("RestartIT: SIGKILL, restart with the same group.instance.id: first new event decided"
                        + " %d ms after start%n", firstDecision.toMillis());
                assertTrue(firstDecision.compareTo(NO_SESSION_WAIT) < 0, "first decision after " + firstDecision
                        + ": the restarted static member waited for its own session to expire");
            }
        }
    }

    /** Topics {@code <prefix>.*}, a list that matches nothing, {@link #EVENTS} clear orders. */
    static final class Setup {
        final EmbeddedKafka kafka;
        final String prefix;
        final Map<String, Object> serde;
        final EventWriter writer;

        Setup(EmbeddedKafka kafka, FakeRegistry registry, String prefix) throws Exception {
            this.kafka = kafka;
            this.prefix = prefix;
            this.serde = Map.of("schema.registry.url", registry.url());
            ItApp.createTopics(kafka, prefix);
            writer = new EventWriter(prefix + ".po", prefix + ".lr", InterdictSerdes.from(InterdictSerdes.avro(serde)));
            try (KafkaProducer<String, byte[]> p = ItApp.producer(kafka)) {
                ItApp.publishList(p, prefix, List.of(ItApp.unrelatedEntity()), serde);
                for (int i = 0; i < EVENTS; i++) {
                    p.send(writer.record(order(prefix + "-" + i, Instant.parse("2024-08-01T00:00:00Z").plusSeconds(i))));
                }
            }
        }

        Map<String, String> config(Path stateDir) {
            Map<String, String> cfg = new HashMap<>(ItApp.config(kafka, prefix, stateDir, "unused"));
            cfg.put("schema.registry.url", (String) serde.get("schema.registry.url"));
            return cfg;
        }

        InterdictApp app(Map<String, String> cfg) {
            return new InterdictApp(InterdictConfig.of(cfg), InterdictSerdes.avro(serde));
        }

        long committed() throws Exception {
            return BrokerRestartIT.committed(kafka, prefix, prefix + ".po", prefix + ".lr");
        }

        void awaitCommitted(long n) throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (committed() < n && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(n, committed());
        }

        void publish(String eventId) {
            try (KafkaProducer<String, byte[]> p = ItApp.producer(kafka)) {
                p.send(writer.record(order(eventId, Instant.parse("2024-09-01T00:00:00Z"))));
            }
        }

        /** Time from {@code start} until the decision of {@code eventId} is committed (hang guard: 120 s). */
        Duration awaitDecision(String eventId, long start) {
            Map<String, Object> props = new HashMap<>(kafka.clientProperties());
            props.put("isolation.level", "read_committed");
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> parts = new ArrayList<>();
                c.partitionsFor(prefix + ".decisions").forEach(p -> parts.add(new TopicPartition(p.topic(), p.partition())));
                c.assign(parts);
                c.seekToBeginning(parts);
                long deadline = start + Duration.ofSeconds(120).toNanos();
                while (System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(100))) {
                        if (r.key().equals(eventId)) {
                            return Duration.ofNanos(System.nanoTime() - start);
                        }
                    }
                }
            }
            throw new AssertionError("no decision for " + eventId + " within 120 s");
        }

        /** Time from {@code start} until both Streams applications are RUNNING (what /ready waits for). */
        Duration awaitBothRunning(InterdictApp app, long start) throws InterruptedException {
            long deadline = start + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline) {
                if (app.streams().state() == org.apache.kafka.streams.KafkaStreams.State.RUNNING
                        && app.listValidation().state() == org.apache.kafka.streams.KafkaStreams.State.RUNNING) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
                Thread.sleep(20);
            }
            throw new AssertionError("not RUNNING within 120 s");
        }
    }

    static PurchaseOrder order(String eventId, Instant at) {
        return JsonContract.purchaseOrder(JsonContract.parse("{\"type\":\"purchase_order\",\"eventId\":\"" + eventId
                + "\",\"poNumber\":\"p\",\"orderedAt\":\"" + at + "\",\"buyer\":{\"name\":\"B\"},"
                + "\"supplier\":{\"name\":\"Acme Tools\"},\"lines\":[],\"currency\":\"USD\"}"));
    }
}
