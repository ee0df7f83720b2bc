package dev.interdict.topology.retro;

import dev.interdict.screening.ScreeningEvent;
import dev.interdict.topology.InterdictTopology;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/** An input record read back by offset, made into the event exactly as the topology makes it. */
public final class InputDecoder {
    private final String purchaseOrders;
    private final Deserializer<ScreeningEvent> orders;
    private final Deserializer<ScreeningEvent> renewals;

    public InputDecoder(String purchaseOrders, Deserializer<ScreeningEvent> orders, Deserializer<ScreeningEvent> renewals) {
        this.purchaseOrders = purchaseOrders;
        this.orders = orders;
        this.renewals = renewals;
    }

    /** The event, or null for a record that never was one (it went to the dead-letter topic when first read). */
    ScreeningEvent event(ConsumerRecord<byte[], byte[]> r) {
        try {
            boolean fromOrders = r.topic().equals(purchaseOrders);
            ScreeningEvent e = (fromOrders ? orders : renewals).deserialize(r.topic(), r.headers(), r.value());
            return InterdictTopology.screenable(e, fromOrders);
        } catch (RuntimeException invalid) {
            return null;
        }
    }
}
