package dev.interdict.topology;

import dev.interdict.avro.LicenseRenewal;
import dev.interdict.avro.PurchaseOrder;
import dev.interdict.screening.ScreeningEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time is the business instant inside the event ({@code orderedAt}, {@code renewedAt}), not the Kafka
 * timestamp, though the timestamp given to the record (and so to its decision and alerts) is the event time clamped to
 * the input record's own timestamp ({@link #outputTimestamp}). A record that is not an event (e.g. a tombstone) or whose instant is before 1970 falls back to the
 * Kafka timestamp, never a negative value: Kafka Streams would silently drop a record with a negative timestamp, and
 * Interdict must account for every record (the screening step sends such events to the dead-letter topic).
 */
public final class EventTimeExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        long t = -1;
        Object v = record.value();
        if (v instanceof ScreeningEvent e) { // as the topology reads the event topics
            t = e.eventTime().toEpochMilli();
        } else if (v instanceof PurchaseOrder po && po.getOrderedAt() != null) {
            t = po.getOrderedAt().toEpochMilli();
        } else if (v instanceof LicenseRenewal lr && lr.getRenewedAt() != null) {
            t = lr.getRenewedAt().toEpochMilli();
        }
        if (t >= 0) {
            return outputTimestamp(t, record.timestamp());
        }
        if (record.timestamp() >= 0) {
            return record.timestamp();
        }
        return Math.max(partitionTime, 0);
    }

    /**
     * The timestamp of what an event produces (its decision and alerts): the event's own time, but never later than
     * the input record's own timestamp. A future-dated event (a scheduled order, an ERP clock ahead) would otherwise
     * carry a timestamp the broker refuses ({@code log.message.timestamp.after.max.ms}, 1 h by default), and the
     * application stopped on it, again after every restart. The input record's timestamp was accepted by the broker
     * when it was written, so the earlier of the two always is; and both come from the input topic, so the outputs of
     * a replay are the same. Screening itself always uses the event's own time from the value.
     */
    public static long outputTimestamp(long eventTime, long recordTimestamp) {
        return recordTimestamp >= 0 ? Math.min(eventTime, recordTimestamp) : eventTime;
    }
}
