package dev.interdict.topology.retro;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The input topics read by offset with a plain consumer of the task's own: read_committed (as Streams reads them
 * under exactly-once), the application's group id only to look up its committed offsets (it never joins the group),
 * and the security settings of the application's global consumer.
 */
public final class KafkaInputLog implements InputLog {
    private static final Logger log = LoggerFactory.getLogger(KafkaInputLog.class);
    /** A read gives up when no record arrives for this long. */
    private static final Duration STALL = Duration.ofSeconds(60);

    private final KafkaConsumer<byte[], byte[]> consumer;

    public KafkaInputLog(Map<String, Object> appConfigs) {
        StreamsConfig streams = new StreamsConfig(appConfigs);
        String group = streams.getString(StreamsConfig.APPLICATION_ID_CONFIG);
        Map<String, Object> cfg = new HashMap<>(streams.getGlobalConsumerConfigs(group + "-input-log"));
        cfg.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        cfg.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        cfg.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        cfg.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        consumer = new KafkaConsumer<>(cfg, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public Map<TopicPartition, Long> committed(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> out = new HashMap<>();
        Set<TopicPartition> set = new HashSet<>(partitions);
        for (Map.Entry<TopicPartition, OffsetAndMetadata> e : consumer.committed(set, STALL).entrySet()) {
            if (e.getValue() != null) {
                out.put(e.getKey(), e.getValue().offset());
            }
        }
        return out;
    }

    /** Log start offsets looked up recently (a retro job reads many spans of one partition): {offset, nanoTime}. */
    private final Map<TopicPartition, long[]> logStart = new HashMap<>();
    private static final long LOG_START_TTL_NANOS = Duration.ofSeconds(10).toNanos();

    private long logStart(TopicPartition tp) {
        long[] kept = logStart.get(tp);
        if (kept == null || System.nanoTime() - kept[1] > LOG_START_TTL_NANOS) {
            kept = new long[] {consumer.beginningOffsets(List.of(tp), STALL).get(tp), System.nanoTime()};
            logStart.put(tp, kept);
        }
        return kept[0];
    }

    @Override
    public void read(TopicPartition tp, long from, long to, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        long start = logStart(tp);
        if (start > from) {
            log.warn("retro-screening: records {} to {} of {} are no longer in the topic (retention); they are not "
                    + "re-screened. Keep the input topics at least as long as interdict.retro.lookback.",
                    from, Math.min(to, start - 1), tp);
            from = start;
        }
        if (from > to) {
            return;
        }
        if (!consumer.assignment().equals(Set.of(tp))) {
            consumer.assign(List.of(tp));
            consumer.seek(tp, from); // a new assignment has no position (and must not take the group's)
        } else if (consumer.position(tp, STALL) != from) {
            consumer.seek(tp, from); // the next range usually starts where the last one ended: no seek then
        }
        long progress = System.nanoTime();
        while (consumer.position(tp, STALL) <= to) {
            List<ConsumerRecord<byte[], byte[]>> records = consumer.poll(Duration.ofMillis(200)).records(tp);
            if (records.isEmpty()) {
                if (System.nanoTime() - progress > STALL.toNanos()) {
                    log.warn("retro-screening: no record of {} arrived for {} at offset {} (reading up to {}); the "
                            + "rest are not re-screened", tp, STALL, consumer.position(tp), to);
                    return;
                }
                continue;
            }
            progress = System.nanoTime();
            for (ConsumerRecord<byte[], byte[]> r : records) {
                if (r.offset() > to) {
                    consumer.seek(tp, to + 1); // drops what was fetched beyond the range
                    return;
                }
                each.accept(r);
            }
        }
    }

    @Override
    public void close() {
        consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}
