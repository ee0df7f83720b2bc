package dev.interdict.topology;

import dev.interdict.avro.LicenseRenewal;
import dev.interdict.avro.PurchaseOrder;
import dev.interdict.screening.ScreeningEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads again, from the input topics, the events a task processed after its kept events were last written: those
 * between the offsets recorded with the open batch and the offsets the application committed. Kept events are
 * written every second and whenever a batch closes, not with every event, so after a crash or a restart these few
 * events (at most about a second's worth) are read back here instead. Runs once when a task starts, with its own
 * consumer (read_committed, no consumer group membership).
 */
class MissedEvents {
    private static final Logger log = LoggerFactory.getLogger(MissedEvents.class);
    private static final Duration LIMIT = Duration.ofSeconds(60);

    private final String purchaseOrders;
    private final Deserializer<PurchaseOrder> orders;
    private final Deserializer<LicenseRenewal> renewals;

    MissedEvents(String purchaseOrders, Deserializer<PurchaseOrder> orders, Deserializer<LicenseRenewal> renewals) {
        this.purchaseOrders = purchaseOrders;
        this.orders = orders;
        this.renewals = renewals;
    }

    /** One event read back and the input position it came from. */
    record Missed(String topic, long offset, ScreeningEvent event) {
    }

    /**
     * @param keptUpTo per input topic of the task's partition, the offset of the last record already accounted for
     */
    List<Missed> read(Map<String, Object> appConfigs, int partition, Map<String, Long> keptUpTo) {
        StreamsConfig streams = new StreamsConfig(appConfigs);
        String group = streams.getString(StreamsConfig.APPLICATION_ID_CONFIG);
        Map<String, Object> cfg = new HashMap<>(streams.getGlobalConsumerConfigs(group + "-missed-events"));
        cfg.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        cfg.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        cfg.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<Missed> out = new ArrayList<>();
        try {
            readInto(cfg, partition, keptUpTo, out);
        } catch (org.apache.kafka.common.KafkaException e) {
            log.warn("retro-screening: could not read back the events after offsets {} of partition {} ({}); they "
                    + "will not be re-screened on list changes", keptUpTo, partition, e.toString());
        }
        return out;
    }

    private void readInto(Map<String, Object> cfg, int partition, Map<String, Long> keptUpTo, List<Missed> out) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(cfg, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            Map<TopicPartition, Long> from = new HashMap<>();
            keptUpTo.forEach((topic, offset) -> from.put(new TopicPartition(topic, partition), offset + 1));
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(from.keySet(), LIMIT);
            Map<TopicPartition, Long> to = new HashMap<>();
            from.forEach((tp, start) -> {
                OffsetAndMetadata c = committed.get(tp);
                if (c != null && c.offset() > start) {
                    to.put(tp, c.offset());
                }
            });
            log.debug("partition {}: kept up to {}, committed {}", partition, keptUpTo, committed);
            if (to.isEmpty()) {
                return;
            }
            consumer.assign(to.keySet());
            to.keySet().forEach(tp -> consumer.seek(tp, from.get(tp)));
            long deadline = System.nanoTime() + LIMIT.toNanos();
            while (!to.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    Long end = to.get(tp);
                    if (end == null || r.offset() >= end) {
                        continue;
                    }
                    ScreeningEvent e = event(r);
                    if (e != null) {
                        out.add(new Missed(r.topic(), r.offset(), e));
                    }
                }
                if (to.keySet().removeIf(tp -> consumer.position(tp) >= to.get(tp))) {
                    consumer.assign(to.keySet());
                }
            }
            if (!to.isEmpty()) {
                log.warn("retro-screening: could not read back the events of {} up to {} within {}; they will not be "
                        + "re-screened on list changes", to.keySet(), to, LIMIT);
            }
        }
    }

    /**
     * The event, as the topology makes it, or null for a record that never was one (it went to the dead-letter
     * topic when first read).
     */
    private ScreeningEvent event(ConsumerRecord<byte[], byte[]> r) {
        try {
            return r.topic().equals(purchaseOrders)
                    ? InterdictTopology.purchaseOrderEvent(orders.deserialize(r.topic(), r.headers(), r.value()))
                    : InterdictTopology.licenseRenewalEvent(renewals.deserialize(r.topic(), r.headers(), r.value()));
        } catch (RuntimeException invalid) {
            return null;
        }
    }
}
