package dev.interdict.replay;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads every record of some topics from the beginning to their end as of the start of the scan, without a
 * consumer group (nothing is committed). {@code read_committed} by default; the client properties decide otherwise.
 */
public final class TopicScan {
    private TopicScan() {
    }

    public static void readAll(Map<String, Object> clientProperties, Collection<String> topics,
                               Consumer<ConsumerRecord<byte[], byte[]>> action) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            for (String topic : topics) {
                for (PartitionInfo p : c.partitionsFor(topic, Duration.ofSeconds(30))) {
                    parts.add(new TopicPartition(topic, p.partition()));
                }
            }
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        action.accept(r);
                    }
                }
            }
        }
    }
}
