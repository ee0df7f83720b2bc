package dev.interdict.topology;

import dev.interdict.avro.LicenseRenewal;
import dev.interdict.avro.PurchaseOrder;
import dev.interdict.screening.ScreeningEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/** An input record read back by offset, made into the event exactly as the topology makes it. */
final class InputDecoder {
    private final String purchaseOrders;
    private final Deserializer<PurchaseOrder> orders;
    private final Deserializer<LicenseRenewal> renewals;

    InputDecoder(String purchaseOrders, Deserializer<PurchaseOrder> orders, Deserializer<LicenseRenewal> renewals) {
        this.purchaseOrders = purchaseOrders;
        this.orders = orders;
        this.renewals = renewals;
    }

    /** The event, or null for a record that never was one (it went to the dead-letter topic when first read). */
    ScreeningEvent event(ConsumerRecord<byte[], byte[]> r) {
        try {
            return r.topic().equals(purchaseOrders)
                    ? InterdictTopology.purchaseOrderEvent(orders.deserialize(r.topic(), r.headers(), r.value()))
                    : InterdictTopology.licenseRenewalEvent(renewals.deserialize(r.topic(), r.headers(), r.value()));
        } catch (RuntimeException invalid) {
            return null;
        }
    }
}
