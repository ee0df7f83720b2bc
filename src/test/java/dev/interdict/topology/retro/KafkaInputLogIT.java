package dev.interdict.topology.retro;

import dev.interdict.embedded.EmbeddedKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The input log reads spans of offsets on a real broker: forwards close together (records fetched past a span are
 * kept for the next one, and a short gap is read through, not sought), backwards, far ahead, across partitions, and
 * always exactly the records of each span, whatever order the spans come in.
 */
class KafkaInputLogIT {
    @Test
    @Timeout(120)
    void everySpanGivesExactlyItsRecordsWhateverTheOrderOfTheSpans() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().build().start()) {
            kafka.createTopic("log.in", 2, Map.of());
            int n = 20_000;
            try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers",
                    kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
                for (int i = 0; i < n; i++) {
                    p.send(new ProducerRecord<>("log.in", i % 2, null, ("r" + i).getBytes(StandardCharsets.UTF_8)));
                }
            }
            Map<String, Object> cfg = new HashMap<>(kafka.clientProperties());
            cfg.put(StreamsConfig.APPLICATION_ID_CONFIG, "log-it");
            cfg.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            Random random = new Random(7);
            List<long[]> spans = new ArrayList<>();
            long o = 0;
            while (o < n / 2 - 10) { // forwards: sparse single records, short and long gaps, runs
                long len = random.nextInt(4) == 0 ? random.nextInt(300) : 0;
                spans.add(new long[] {o, Math.min(o + len, n / 2 - 1)});
                o += len + 1 + (random.nextInt(10) == 0 ? 6_000 : random.nextInt(400));
            }
            spans.add(new long[] {5, 9}); // backwards
            spans.add(new long[] {9_990, 9_999}); // the end
            try (KafkaInputLog log = new KafkaInputLog(cfg)) {
                for (int round = 0; round < 2; round++) {
                    for (int partition = 0; partition < 2; partition++) {
                        for (long[] span : spans) {
                            TopicPartition tp = new TopicPartition("log.in", partition);
                            List<Long> got = new ArrayList<>();
                            int part = partition;
                            log.read(tp, span[0], span[1], r -> {
                                got.add(r.offset());
                                assertEquals("r" + (r.offset() * 2 + part), new String(r.value(), StandardCharsets.UTF_8));
                            });
                            List<Long> expected = new ArrayList<>();
                            for (long x = span[0]; x <= span[1]; x++) {
                                expected.add(x);
                            }
                            assertEquals(expected, got, "span " + span[0] + "-" + span[1] + " of " + tp);
                        }
                    }
                }
            }
        }
    }
}
