package dev.interdict.topology.retro;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The input topics, read again by offset: retro-screening keeps only offset ranges ({@link ScreenedRange}) and reads
 * the events back from here when a scan needs them. One per task, opened on first use, closed with the task.
 */
public interface InputLog extends AutoCloseable {

    /**
     * Calls {@code each}, in offset order, for every record of {@code tp} from offset {@code from} to {@code to}
     * (both included) that is still in the log. Records that cannot be read (deleted by retention, or the read
     * stalled) are logged and skipped.
     */
    void read(TopicPartition tp, long from, long to, Consumer<ConsumerRecord<byte[], byte[]>> each);

    /** The application's committed offsets (next offset to read) for these partitions; absent = none. */
    Map<TopicPartition, Long> committed(Collection<TopicPartition> partitions);

    @Override
    void close();

    /** Opens the input log of one task, from the application's configuration. */
    @FunctionalInterface
    interface Opener {
        InputLog open(Map<String, Object> appConfigs);
    }
}
