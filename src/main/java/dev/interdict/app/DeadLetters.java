package dev.interdict.app;

import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Dead letters that always fit the dead-letter topic: a record whose original value is larger than
 * {@code interdict.dlq.max.value.bytes} (default {@value #DEFAULT_MAX_VALUE_BYTES}, under the broker's default
 * 1 MB message limit) keeps its key, reason and source coordinates (topic, partition, offset headers) but not its
 * value, and says so in the header {@value #VALUE_OMITTED_HEADER} (the original size). The original stays in the
 * input topic at those coordinates: nothing is lost, and one huge poison pill cannot stop the stream by failing the
 * dead-letter write itself.
 */
public final class DeadLetters {
    public static final String MAX_VALUE_BYTES = "interdict.dlq.max.value.bytes";
    public static final int DEFAULT_MAX_VALUE_BYTES = 900_000;
    public static final String VALUE_OMITTED_HEADER = "__interdict.dlq.value.omitted.bytes";

    private DeadLetters() {
    }

    static int maxValueBytes(Map<String, ?> configs) {
        Object v = configs.get(MAX_VALUE_BYTES);
        return v == null ? DEFAULT_MAX_VALUE_BYTES : Integer.parseInt(v.toString().trim());
    }

    static List<ProducerRecord<byte[], byte[]>> fit(List<ProducerRecord<byte[], byte[]>> records, int maxValueBytes) {
        if (records == null || records.isEmpty()) {
            return records;
        }
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>(records.size());
        for (ProducerRecord<byte[], byte[]> r : records) {
            if (r.value() != null && r.value().length > maxValueBytes) {
                ProducerRecord<byte[], byte[]> slim = new ProducerRecord<>(r.topic(), r.partition(), r.timestamp(),
                        r.key(), null, r.headers());
                slim.headers().add(VALUE_OMITTED_HEADER, ByteBuffer.allocate(4).putInt(r.value().length).array());
                out.add(slim);
            } else {
                out.add(r);
            }
        }
        return out;
    }
}
