package dev.interdict.topology;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import dev.interdict.topology.retro.InputLog;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The input log of a TopologyTestDriver run: every value piped into an input topic, recorded by the serializer that
 * writes it, at the offset the driver gives it (one partition per topic, offsets from 0 in piping order).
 */
final class RecordedInputLog implements InputLog {
    private final Map<String, List<byte[]>> topics = new ConcurrentHashMap<>();
    /** Records before this offset count as deleted by retention (per topic). */
    final Map<String, Long> logStart = new ConcurrentHashMap<>();
    /** Records read back so far. */
    final java.util.concurrent.atomic.AtomicLong recordsRead = new java.util.concurrent.atomic.AtomicLong();

    /** A serializer that also records what it writes to {@code topic}. */
    <T> Serializer<T> recording(String topic, Serializer<T> inner) {
        return new Serializer<>() {
            @Override
            public byte[] serialize(String t, T data) {
                return serialize(t, new RecordHeaders(), data);
            }

            @Override
            public byte[] serialize(String t, Headers headers, T data) {
                byte[] bytes = inner.serialize(t, headers, data);
                topics.computeIfAbsent(topic, k -> new ArrayList<>()).add(bytes);
                return bytes;
            }
        };
    }

    @Override
    public void read(TopicPartition tp, long from, long to, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        List<byte[]> log = topics.getOrDefault(tp.topic(), List.of());
        long start = logStart.getOrDefault(tp.topic(), 0L);
        for (long o = Math.max(from, start); o <= to && o < log.size(); o++) {
            recordsRead.incrementAndGet();
            each.accept(new ConsumerRecord<>(tp.topic(), tp.partition(), o, null, log.get((int) o)));
        }
    }

    @Override
    public Map<TopicPartition, Long> committed(Collection<TopicPartition> partitions) {
        return Map.of();
    }

    @Override
    public void close() {
    }
}
