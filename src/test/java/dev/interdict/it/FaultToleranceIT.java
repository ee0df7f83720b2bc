package dev.interdict.it;

import dev.interdict.avro.Alert;
import dev.interdict.avro.Decision;
import dev.interdict.avro.Party;
import dev.interdict.avro.PurchaseOrder;
import dev.interdict.contract.AvroMapping;
import dev.interdict.contract.JsonContract;
import dev.interdict.demo.DemoEvents;
import dev.interdict.embedded.EmbeddedKafka;
import dev.interdict.lists.JsonlEntities;
import dev.interdict.screening.RestrictedEntity;
import dev.interdict.screening.Screener;
import dev.interdict.serde.AvroSerdes;
import dev.interdict.testutil.FakeRegistry;
import dev.interdict.replay.TopicScan;
import dev.interdict.testutil.ItApp;
import dev.interdict.testutil.Shared;
import dev.interdict.topology.EventWriter;
import dev.interdict.topology.InterdictSerdes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Crashes and poison: 60,000 events plus a mix of poison pills (one of them a 5 MB value) are screened by {@code java -jar interdict.jar run}
 * processes that are killed abruptly (SIGKILL, no clean close) three times mid-run and restarted. At the end every
 * input record is exactly one decision or one dead letter, no alertId is committed twice, and decisions and alerts
 * are exactly those of a clean offline screening.
 */
class FaultToleranceIT {
    static final int EVENTS = 60_000;
    static final List<String> TOPICS = List.of("ft.po", "ft.lr", "ft.list", "ft.decisions", "ft.alerts", "ft.dlq");

    @Test
    @Timeout(300)
    void killedThreeTimesMidRunEveryRecordEndsExactlyOnceAndAlertsMatchACleanRun(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().build().start(); FakeRegistry registry = new FakeRegistry()) {
            kafka.createTopic("ft.po", 4, Map.of("max.message.bytes", String.valueOf(8 << 20)));
            for (String t : List.of("ft.lr", "ft.decisions", "ft.alerts")) {
                kafka.createTopic(t, 4, Map.of());
            }
            kafka.createTopic("ft.list", 1, Map.of("cleanup.policy", "compact"));
            kafka.createTopic("ft.dlq", 1, Map.of());
            Map<String, Object> serde = Map.of("schema.registry.url", registry.url());

            List<RestrictedEntity> list;
            Path entities = Shared.file("data/sample-entities.jsonl");
            try (BufferedReader in = Files.newBufferedReader(entities)) {
                list = JsonlEntities.read(in, entities.toString(), r -> fail("rejected " + r));
            }
            Screener offline = new Screener();
            offline.upsertAll(list);
            TreeMap<String, String> expected = new TreeMap<>();
            Set<String> expectedAlerts = new TreeSet<>();
            Set<String> poisonKeys = new TreeSet<>();

            var poSer = AvroSerdes.forClass(PurchaseOrder.class, serde).serializer();
            EventWriter writer = new EventWriter("ft.po", "ft.lr", InterdictSerdes.from(InterdictSerdes.avro(serde)));
            try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                    "acks", "all", "linger.ms", "5", "max.request.size", String.valueOf(8 << 20)),
                    new StringSerializer(), new ByteArraySerializer())) {
                ItApp.publishList(p, "ft", list, serde);
                Random rnd = new Random(7);
                int i = 0;
                for (SpecificRecord e : DemoEvents.generate(EVENTS, 11)) {
                    var d = offline.screen(AvroMapping.toScreeningEvent(e));
                    expected.put(d.eventId(), JsonContract.toLine(JsonContract.decision(d)));
                    d.alerts().forEach(a -> expectedAlerts.add(JsonContract.toLine(JsonContract.alert(a))));
                    p.send(writer.record(e));
                    if (i == 30_000) { // a 5 MB value: five times the broker's default message limit
                        byte[] huge = new byte[5 << 20];
                        rnd.nextBytes(huge);
                        poisonKeys.add("poison-5mb");
                        p.send(new ProducerRecord<>("ft.po", "poison-5mb", huge));
                    }
                    if (++i % 10_000 == 0) { // poison pills among the events
                        for (Map.Entry<String, byte[]> pill : poison(rnd, poSer.serialize("ft.po", sample(i)), registry, i).entrySet()) {
                            poisonKeys.add(pill.getKey());
                            p.send(new ProducerRecord<>("ft.po", pill.getKey(), pill.getValue()));
                        }
                    }
                }
            }

            int kills = 0;
            long[] progress = new long[3];
            for (int round = 0; round < 3; round++) {
                Process app = start(kafka, registry, dir, "ft-" + round);
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                long committed;
                // kill once it is under way: past the first thousand records, before the end
                while ((committed = committed(kafka)) < 1_000 * (round + 1) && System.nanoTime() < deadline && app.isAlive()) {
                    Thread.sleep(20);
                }
                Thread.sleep(300 + 200L * round);
                progress[round] = committed(kafka);
                app.destroyForcibly().waitFor();
                kills++;
            }
            Process last = start(kafka, registry, dir, "ft-final");
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            long total = EVENTS + poisonKeys.size();
            while (committed(kafka) < total && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            last.destroy();
            last.waitFor();
            assertEquals(3, kills);
            assertTrue(progress[0] < total && progress[2] < total, "the kills happened mid-run: " + Arrays.toString(progress));
            assertEquals(total, committed(kafka), "all input committed");

            // a killed instance's open transactions are aborted by the broker after transaction.timeout.ms; until then
            // they hold back what read_committed consumers see (the last stable offset): wait for it to catch up
            awaitNoOpenTransactions(kafka, List.of("ft.decisions", "ft.alerts", "ft.dlq"));

            // read everything committed
            Map<String, List<String>> decisions = new HashMap<>();
            List<String> alerts = new ArrayList<>();
            Set<String> deadKeys = new HashSet<>();
            var decDe = AvroSerdes.forClass(Decision.class, serde).deserializer();
            var alertDe = AvroSerdes.forClass(Alert.class, serde).deserializer();
            int[] deadCount = {0};
            TopicScan.readAll(kafka.clientProperties(), List.of("ft.decisions", "ft.alerts", "ft.dlq"), r -> {
                switch (r.topic()) {
                    case "ft.decisions" -> {
                        Decision d = decDe.deserialize(r.topic(), r.value());
                        decisions.computeIfAbsent(d.getEventId(), k -> new ArrayList<>())
                                .add(JsonContract.toLine(JsonContract.decision(AvroMapping.fromAvro(d))));
                    }
                    case "ft.alerts" -> alerts.add(JsonContract.toLine(JsonContract.alert(
                            AvroMapping.fromAvro(alertDe.deserialize(r.topic(), r.value())))));
                    default -> {
                        deadCount[0]++;
                        deadKeys.add(new String(r.key(), StandardCharsets.UTF_8));
                        if (new String(r.key(), StandardCharsets.UTF_8).equals("poison-5mb")) {
                            assertEquals(null, r.value(), "the 5 MB value is left out of the dead letter");
                            assertEquals(5 << 20, ByteBuffer.wrap(r.headers().lastHeader(
                                    "__interdict.dlq.value.omitted.bytes").value()).getInt());
                            assertTrue(r.headers().lastHeader("__streams.errors.offset") != null, "source offset kept");
                        }
                    }
                }
            });
            // exactly one decision per event, one dead letter per poison pill
            Set<String> missing = new TreeSet<>(expected.keySet());
            missing.removeAll(decisions.keySet());
            Set<String> unexpectedDead = new TreeSet<>(deadKeys);
            unexpectedDead.removeAll(poisonKeys);
            if (!missing.isEmpty()) {
                System.err.println("missing decisions, copies in the log (aborted or not): " + uncommitted(kafka, missing, decDe));
            }
            assertEquals(EVENTS, decisions.size(), "missing decisions " + missing + ", unexpected dead letters "
                    + unexpectedDead + "\n" + Files.readString(dir.resolve("ft-final.log")));
            assertTrue(decisions.values().stream().allMatch(l -> l.size() == 1), "an event decided twice");
            assertEquals(poisonKeys.size(), deadCount[0], "one dead letter per poison pill");
            assertEquals(poisonKeys, deadKeys);
            // the same decisions and alerts as a clean run, no alertId twice
            for (var e : expected.entrySet()) {
                assertEquals(e.getValue(), decisions.get(e.getKey()).get(0));
            }
            assertEquals(expectedAlerts.size(), alerts.size(), "no alert committed twice");
            assertEquals(expectedAlerts, new TreeSet<>(alerts));
        }
    }

    static PurchaseOrder sample(int i) {
        return JsonContract.purchaseOrder(JsonContract.parse("{\"type\":\"purchase_order\",\"eventId\":\"x" + i
                + "\",\"poNumber\":\"p\",\"orderedAt\":\"2024-08-01T00:00:00Z\",\"buyer\":{\"name\":\"B\"},"
                + "\"supplier\":{\"name\":\"S\"},\"lines\":[],\"currency\":\"USD\"}"));
    }

    /** Random bytes, truncated Avro, an unknown schema id, a record without a required field, a date before 1970. */
    static Map<String, byte[]> poison(Random rnd, byte[] good, FakeRegistry registry, int i) throws Exception {
        Map<String, byte[]> out = new TreeMap<>();
        byte[] random = new byte[64];
        rnd.nextBytes(random);
        out.put("poison-random-" + i, random);
        out.put("poison-truncated-" + i, Arrays.copyOf(good, good.length / 2));
        out.put("poison-unknown-schema-" + i, ByteBuffer.allocate(good.length).put((byte) 0).putInt(987_654)
                .put(good, 5, good.length - 5).array());
        // a record written with a schema that lacks the required field poNumber
        Schema noPoNumber = SchemaBuilder.record("PurchaseOrder").namespace("dev.interdict.avro").fields()
                .requiredString("eventId").endRecord();
        int id = registry.preload("ft.po-value", noPoNumber.toString());
        GenericRecord g = new GenericData.Record(noPoNumber);
        g.put("eventId", "poison-missing-field-" + i);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(ByteBuffer.allocate(5).put((byte) 0).putInt(id).array());
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(bytes, null);
        new GenericDatumWriter<GenericRecord>(noPoNumber).write(g, enc);
        enc.flush();
        out.put("poison-missing-field-" + i, bytes.toByteArray());
        PurchaseOrder old = sample(i);
        old.setOrderedAt(Instant.parse("1960-01-01T00:00:00Z"));
        old.setSupplier(Party.newBuilder().setName("Old Supplier").build());
        out.put("poison-before-1970-" + i, AvroSerdes.forClass(PurchaseOrder.class,
                Map.of("schema.registry.url", registry.url())).serializer().serialize("ft.po", old));
        return out;
    }

    static Process start(EmbeddedKafka kafka, FakeRegistry registry, Path dir, String name) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target", "interdict.jar").toString(), "run");
        Map<String, String> env = pb.environment();
        env.put("INTERDICT_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("INTERDICT_SCHEMA_REGISTRY_URL", registry.url());
        env.put("INTERDICT_APPLICATION_ID", "ft");
        env.put("INTERDICT_STATE_DIR", dir.resolve("state").toString());
        env.put("INTERDICT_METRICS_PORT", "-1");
        env.put("INTERDICT_LOG_LEVEL", "WARN");
        env.put("INTERDICT_TOPICS_PURCHASE_ORDERS", "ft.po");
        env.put("INTERDICT_TOPICS_LICENSE_RENEWALS", "ft.lr");
        env.put("INTERDICT_TOPICS_RESTRICTED_ENTITIES", "ft.list");
        env.put("INTERDICT_TOPICS_DECISIONS", "ft.decisions");
        env.put("INTERDICT_TOPICS_ALERTS", "ft.alerts");
        env.put("INTERDICT_TOPICS_DLQ", "ft.dlq");
        return pb.redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
    }

    static Map<String, Integer> uncommitted(EmbeddedKafka kafka, Set<String> ids,
                                            org.apache.kafka.common.serialization.Deserializer<Decision> de) {
        Map<String, Integer> found = new TreeMap<>();
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put("isolation.level", "read_uncommitted");
        TopicScan.readAll(props, List.of("ft.decisions"), r -> {
            String id = new String(r.key(), StandardCharsets.UTF_8);
            if (ids.contains(id)) {
                found.merge(id + "@" + r.partition() + ":" + r.offset(), 1, Integer::sum);
            }
        });
        return found;
    }

    static void awaitNoOpenTransactions(EmbeddedKafka kafka, List<String> topics) throws Exception {
        try (KafkaConsumer<byte[], byte[]> committed = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                "isolation.level", "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaConsumer<byte[], byte[]> all = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                     "isolation.level", "read_uncommitted"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            for (String t : topics) {
                committed.partitionsFor(t).forEach(pi -> parts.add(new TopicPartition(t, pi.partition())));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!committed.endOffsets(parts).equals(all.endOffsets(parts))) {
                assertTrue(System.nanoTime() < deadline, "transactions still open after 90 s");
                Thread.sleep(500);
            }
        }
    }

    /** Input records of ft.po and ft.lr whose offsets the application has committed. */
    static long committed(EmbeddedKafka kafka) throws Exception {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            Map<TopicPartition, OffsetAndMetadata> c = admin.listConsumerGroupOffsets("ft").partitionsToOffsetAndMetadata().get();
            return c.entrySet().stream().filter(e -> e.getKey().topic().startsWith("ft.p") || e.getKey().topic().startsWith("ft.l"))
                    .filter(e -> !e.getKey().topic().equals("ft.list")).mapToLong(e -> e.getValue() == null ? 0 : e.getValue().offset()).sum();
        }
    }

}
