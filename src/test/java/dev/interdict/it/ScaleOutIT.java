package dev.interdict.it;

import dev.interdict.app.InterdictApp;
import dev.interdict.app.InterdictConfig;
import dev.interdict.avro.Alert;
import dev.interdict.avro.Decision;
import dev.interdict.contract.AvroMapping;
import dev.interdict.demo.DemoEvents;
import dev.interdict.embedded.EmbeddedKafka;
import dev.interdict.replay.TopicScan;
import dev.interdict.screening.RestrictedEntity;
import dev.interdict.screening.Screener;
import dev.interdict.serde.AvroSerdes;
import dev.interdict.testutil.FakeRegistry;
import dev.interdict.testutil.ItApp;
import dev.interdict.topology.EventWriter;
import dev.interdict.topology.InterdictSerdes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scale-out on a real broker: Interdict instances sharing one application.id on event topics of 6 partitions, while
 * events keep arriving. Three start (two in this JVM, one a {@code java -jar interdict.jar run} process); once all
 * three have partitions the process is killed (SIGKILL: no commit, no close, an open transaction), a fourth instance
 * is added, and then the Kaspersky entity is listed (until then the list holds only an entity no event matches).
 * Read with read_committed at the end: every event is decided exactly once, and every alert the events deserve
 * against the final list is on the alerts topic exactly once: as an ordinary alert in the decision of an event
 * screened after the list change reached its instance, or as a retro alert for an event decided CLEAR before.
 */
class ScaleOutIT {
    static final int EVENTS = 16_000;
    static final int PRELOADED = 2_000;
    static final int PARTITIONS = 6;
    static final String APP = "so";
    static final String KASPERSKY = "icts-2021-002-kaspersky";

    @Test
    @Timeout(240)
    void threeInstancesOneKilledOneAddedMidRunEveryEventDecidedOnceAndEveryRetroAlertRaisedOnceAcrossTheGroup(@TempDir Path dir)
            throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().build().start(); FakeRegistry registry = new FakeRegistry()) {
            ItApp.createTopics(kafka, APP, PARTITIONS);
            Map<String, Object> serde = Map.of("schema.registry.url", registry.url());
            RestrictedEntity kaspersky = ItApp.sampleEntities().stream().filter(e -> e.entityId().equals(KASPERSKY))
                    .findFirst().orElseThrow();
            List<SpecificRecord> events = DemoEvents.generate(EVENTS, 23);

            // what the events deserve against the final list (the unrelated entity matches nothing)
            Screener offline = new Screener();
            offline.upsertAll(List.of(ItApp.unrelatedEntity(), kaspersky));
            Map<String, String> expectedAlerts = new TreeMap<>(); // alertId -> eventId
            for (SpecificRecord e : events) {
                offline.screen(AvroMapping.toScreeningEvent(e)).alerts().forEach(a -> expectedAlerts.put(a.alertId(), a.eventId()));
            }
            assertTrue(expectedAlerts.size() > 300, "the events hold Kaspersky orders and renewals: " + expectedAlerts.size());

            EventWriter writer = new EventWriter(APP + ".po", APP + ".lr", InterdictSerdes.from(InterdictSerdes.avro(serde)));
            AtomicInteger published = new AtomicInteger();
            try (KafkaProducer<String, byte[]> p = ItApp.producer(kafka)) {
                ItApp.publishList(p, APP, List.of(ItApp.unrelatedEntity()), serde);
                for (int i = 0; i < PRELOADED; i++) {
                    p.send(writer.record(events.get(i)));
                }
                published.set(PRELOADED);
            }
            // the rest arrive while the instances run: 400 events a second
            Thread publisher = new Thread(() -> {
                try (KafkaProducer<String, byte[]> p = ItApp.producer(kafka)) {
                    for (int i = PRELOADED; i < EVENTS; i++) {
                        p.send(writer.record(events.get(i)));
                        if (i % 20 == 19) {
                            p.flush();
                            published.set(i + 1);
                            Thread.sleep(50);
                        }
                    }
                    p.flush();
                    published.set(EVENTS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "publisher");

            List<InterdictApp> apps = new ArrayList<>();
            Process killed = null;
            try {
                killed = ItApp.startJar(config(kafka, registry, dir, "k"), dir.resolve("k.log"));
                InterdictApp a = start(apps, config(kafka, registry, dir, "a"), serde);
                InterdictApp b = start(apps, config(kafka, registry, dir, "b"), serde);
                publisher.start();
                Set<String> local = consumerClientIds(a, b);

                // all three have partitions (the one that is not A or B is the process)
                Map<String, Set<TopicPartition>> members = awaitMembers(kafka, 3, m -> true);
                Set<TopicPartition> killedOwned = members.entrySet().stream().filter(e -> !local.contains(e.getKey()))
                        .flatMap(e -> e.getValue().stream()).collect(Collectors.toSet());
                assertFalse(killedOwned.isEmpty(), "the process has partitions: " + members);
                long before = committed(kafka, killedOwned);
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (committed(kafka, killedOwned) - before < 200 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertTrue(committed(kafka, killedOwned) - before >= 200, "the process decided events before the kill\n"
                        + Files.readString(dir.resolve("k.log")));
                Thread.sleep(1_500); // between two of its commits, with work in flight
                killed.destroyForcibly().waitFor();
                int atKill = published.get();

                // a fourth instance joins; once K's session has expired, the three running instances share the work
                InterdictApp d = start(apps, config(kafka, registry, dir, "d"), serde);
                Set<String> running = consumerClientIds(a, b, d);
                members = awaitMembers(kafka, 3, running::contains);
                assertTrue(members.keySet().containsAll(consumerClientIds(d)), "the added instance has partitions: " + members);

                // the list change, while events still arrive
                int atListChange = published.get();
                try (KafkaProducer<String, byte[]> p = ItApp.producer(kafka)) {
                    ItApp.publishList(p, APP, List.of(kaspersky), serde);
                }
                assertTrue(atKill < EVENTS && atListChange < EVENTS,
                        "kill at " + atKill + " and list change at " + atListChange + " of " + EVENTS + " events published");

                publisher.join(60_000);
                deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (BrokerRestartIT.committed(kafka, APP, APP + ".po", APP + ".lr") < EVENTS && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                assertEquals(EVENTS, BrokerRestartIT.committed(kafka, APP, APP + ".po", APP + ".lr"), "every event consumed");
                // the process's open transaction holds back read_committed readers until the broker aborts it
                FaultToleranceIT.awaitNoOpenTransactions(kafka, List.of(APP + ".decisions", APP + ".alerts"));

                var alertDe = AvroSerdes.forClass(Alert.class, serde).deserializer();
                List<Alert> alerts = new ArrayList<>();
                deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                do {
                    alerts.clear();
                    TopicScan.readAll(kafka.clientProperties(), List.of(APP + ".alerts"),
                            r -> alerts.add(alertDe.deserialize(r.topic(), r.value())));
                    if (alerts.size() >= expectedAlerts.size()) {
                        break;
                    }
                    Thread.sleep(500);
                } while (System.nanoTime() < deadline);
                Thread.sleep(3_000); // anything raised twice would arrive now
                alerts.clear();
                TopicScan.readAll(kafka.clientProperties(), List.of(APP + ".alerts"),
                        r -> alerts.add(alertDe.deserialize(r.topic(), r.value())));

                // every event decided exactly once
                var decisionDe = AvroSerdes.forClass(Decision.class, serde).deserializer();
                Map<String, Integer> decided = new HashMap<>();
                Set<String> decidedWithAlert = new TreeSet<>(); // alert ids in decisions
                TopicScan.readAll(kafka.clientProperties(), List.of(APP + ".decisions"), r -> {
                    Decision dec = decisionDe.deserialize(r.topic(), r.value());
                    decided.merge(dec.getEventId(), 1, Integer::sum);
                    dec.getAlerts().forEach(al -> decidedWithAlert.add(al.getAlertId()));
                });
                assertEquals(EVENTS, decided.size(), "every event decided");
                assertEquals(Map.of(), decided.entrySet().stream().filter(e -> e.getValue() != 1)
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), "events decided twice");

                // every alert raised exactly once across the group: in the decision, or later as a retro alert
                Map<String, Integer> raised = new TreeMap<>();
                int retro = 0;
                for (Alert al : alerts) {
                    raised.merge(al.getAlertId(), 1, Integer::sum);
                    assertEquals(KASPERSKY, al.getEntityId());
                    assertTrue(expectedAlerts.containsKey(al.getAlertId()), "unexpected alert " + al);
                    assertEquals(!decidedWithAlert.contains(al.getAlertId()), al.getRetro(),
                            "retro exactly when the event's decision does not hold the alert: " + al);
                    retro += al.getRetro() ? 1 : 0;
                }
                assertEquals(Map.of(), raised.entrySet().stream().filter(e -> e.getValue() != 1)
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), "alerts raised twice");
                Set<String> missing = new TreeSet<>(expectedAlerts.keySet());
                missing.removeAll(raised.keySet());
                assertEquals(Set.of(), missing, "alerts never raised (neither in a decision nor retro)");
                assertTrue(retro > 0 && retro < alerts.size(), "the list change came mid-run: some alerts are retro ("
                        + retro + "), some in decisions (" + (alerts.size() - retro) + ")");
                System.out.printf("ScaleOutIT: %d events, %d alerts (%d retro), kill at %d, list change at %d published%n",
                        EVENTS, alerts.size(), retro, atKill, atListChange);
            } finally {
                publisher.interrupt();
                if (killed != null) {
                    killed.destroyForcibly().waitFor();
                }
                apps.forEach(InterdictApp::close);
            }
        }
    }

    static Map<String, String> config(EmbeddedKafka kafka, FakeRegistry registry, Path dir, String name) {
        Map<String, String> cfg = new HashMap<>(ItApp.config(kafka, APP, dir.resolve(name), "unused"));
        cfg.put("schema.registry.url", registry.url());
        cfg.put(InterdictConfig.RETRO_LOOKBACK, "P3650D"); // the demo events span about 110 days
        // a killed dynamic member keeps its partitions until its session expires (45 s by default)
        cfg.put("session.timeout.ms", "10000");
        return cfg;
    }

    static InterdictApp start(List<InterdictApp> apps, Map<String, String> cfg, Map<String, Object> serde) {
        InterdictApp app = new InterdictApp(InterdictConfig.of(cfg), InterdictSerdes.avro(serde));
        apps.add(app);
        app.start();
        return app;
    }

    /** The client ids of these instances' main consumers (the group's members). */
    static Set<String> consumerClientIds(InterdictApp... apps) throws InterruptedException {
        Set<String> ids = new TreeSet<>();
        for (InterdictApp app : apps) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (app.streams().metadataForLocalThreads().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            for (ThreadMetadata t : app.streams().metadataForLocalThreads()) {
                ids.add(t.consumerClientId());
            }
        }
        return ids;
    }

    /**
     * Waits until the group is stable with {@code count} members, all accepted by {@code member} (client id) and all
     * with event partitions; their assignments by client id.
     */
    static Map<String, Set<TopicPartition>> awaitMembers(EmbeddedKafka kafka, int count, Predicate<String> member)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<String, Set<TopicPartition>> last = Map.of();
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            while (System.nanoTime() < deadline) {
                ConsumerGroupDescription g = admin.describeConsumerGroups(List.of(APP)).all().get().get(APP);
                Map<String, Set<TopicPartition>> m = new TreeMap<>();
                for (MemberDescription md : g.members()) {
                    m.put(md.clientId(), md.assignment().topicPartitions());
                }
                last = m;
                if (g.groupState() == org.apache.kafka.common.GroupState.STABLE && m.size() == count
                        && m.keySet().stream().allMatch(member) && m.values().stream().noneMatch(Set::isEmpty)) {
                    return m;
                }
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the group never had " + count + " members with partitions: " + last);
    }

    /** Committed input offsets of the group, summed over these partitions. */
    static long committed(EmbeddedKafka kafka, Set<TopicPartition> parts) throws Exception {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            return admin.listConsumerGroupOffsets(APP).partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .filter(e -> parts.contains(e.getKey()))
                    .mapToLong(e -> e.getValue() == null ? 0 : e.getValue().offset()).sum();
        }
    }
}
