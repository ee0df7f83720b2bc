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
    /**
     * A span that starts this few records after the consumer's position is reached by reading on (the records between
     * cost only Kafka's framing), not by a seek, which would drop what was fetched and fetch it again. About the
     * records of one fetch ({@link #FETCH_BYTES}): reading on through a longer gap costs more fetches than the one a
     * seek costs, and it made a job's read-back grow with the history (a fixed 1,000 matching events among 4M read
     * 540,737 records back with 4,096).
     */
    static final long SKIP_AHEAD = 1_024;
    /** One partition is read at a time, in spans: a fetch of this size holds about a thousand events. */
    static final int FETCH_BYTES = 256 * 1024;

    private final KafkaConsumer<byte[], byte[]> consumer;

    public KafkaInputLog(Map<String, Object> appConfigs) {
        StreamsConfig streams = new StreamsConfig(appConfigs);
        String group = streams.getString(StreamsConfig.APPLICATION_ID_CONFIG);
        Map<String, Object> cfg = new HashMap<>(streams.getGlobalConsumerConfigs(group + "-input-log"));
        cfg.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        cfg.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        cfg.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        cfg.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        cfg.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, FETCH_BYTES);
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

    /** Records fetched but not handed out yet (beyond the last span asked for), of {@link #pendingTp}. */
    private List<ConsumerRecord<byte[], byte[]>> pending = List.of();
    private int pendingAt;
    private TopicPartition pendingTp;

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
        // what the last read fetched beyond its span: the next span of a job usually starts there
        boolean fromPending = tp.equals(pendingTp) && pendingAt < pending.size()
                && pending.get(pendingAt).offset() <= from;
        if (fromPending) {
            while (pendingAt < pending.size()) {
                ConsumerRecord<byte[], byte[]> r = pending.get(pendingAt);
                if (r.offset() > to) {
                    return;
                }
                pendingAt++;
                if (r.offset() >= from) {
                    each.accept(r);
                }
            }
        } else {
            pending = List.of();
            pendingAt = 0;
        }
        pendingTp = tp;
        if (!consumer.assignment().equals(Set.of(tp))) {
            consumer.assign(List.of(tp));
            consumer.seek(tp, from); // a new assignment has no position (and must not take the group's)
        } else {
            long position = consumer.position(tp, STALL);
            if (fromPending) {
                // every record from 'from' up to the position was in what the last poll fetched, and was handed out
                if (position > to) {
                    return;
                }
            } else if (position > from || from - position > SKIP_AHEAD) {
                consumer.seek(tp, from); // a seek drops what was fetched: only backwards or far ahead
            }
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
            for (int i = 0; i < records.size(); i++) {
                ConsumerRecord<byte[], byte[]> r = records.get(i);
                if (r.offset() > to) {
                    pending = records; // kept for the next span instead of fetched again
                    pendingAt = i;
                    return;
                }
                if (r.offset() >= from) {
                    each.accept(r);
                }
            }
        }
    }

    @Override
    public void close() {
        consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}
