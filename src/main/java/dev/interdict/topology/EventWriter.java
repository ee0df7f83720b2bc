package dev.interdict.topology;

import dev.interdict.avro.LicenseRenewal;
import dev.interdict.avro.PurchaseOrder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Turns a purchase order or licence renewal into the record an ERP integration publishes: to its event topic,
 * keyed by eventId, the value in the configured Avro serde's format. Used by publish-events, the demo and the
 * benchmark.
 */
public final class EventWriter {
    private final String purchaseOrders;
    private final String licenseRenewals;
    private final Serializer<PurchaseOrder> orderSerializer;
    private final Serializer<LicenseRenewal> renewalSerializer;

    public EventWriter(String purchaseOrders, String licenseRenewals, InterdictSerdes serdes) {
        this.purchaseOrders = purchaseOrders;
        this.licenseRenewals = licenseRenewals;
        this.orderSerializer = serdes.purchaseOrders().serializer();
        this.renewalSerializer = serdes.licenseRenewals().serializer();
    }

    public EventWriter(TopicNames topics, InterdictSerdes serdes) {
        this(topics.purchaseOrders(), topics.licenseRenewals(), serdes);
    }

    public ProducerRecord<String, byte[]> record(SpecificRecord event) {
        if (event instanceof PurchaseOrder po) {
            return new ProducerRecord<>(purchaseOrders, po.getEventId(), orderSerializer.serialize(purchaseOrders, po));
        }
        LicenseRenewal lr = (LicenseRenewal) event;
        return new ProducerRecord<>(licenseRenewals, lr.getEventId(), renewalSerializer.serialize(licenseRenewals, lr));
    }
}
