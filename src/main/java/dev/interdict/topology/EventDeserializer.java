package dev.interdict.topology;

import dev.interdict.avro.LicenseRenewal;
import dev.interdict.avro.PurchaseOrder;
import dev.interdict.contract.AvroMapping;
import dev.interdict.screening.ScreeningEvent;
import dev.interdict.serde.ConfluentAvroDeserializer;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

import java.util.function.Function;

/**
 * Reads an input record straight into the event it screens. With Interdict's own Avro deserializer only the fields
 * the event needs are decoded ({@link AvroMapping#PURCHASE_ORDER_SCREENED}): a purchase order's buyer, skus and
 * prices are skipped (its line descriptions are screened, so they are decoded). With any other configured deserializer (Confluent's), the record
 * is read whole and mapped. A tombstone is null (the screen processor dead-letters it); undecodable bytes throw, for
 * the deserialisation handler.
 */
final class EventDeserializer implements Deserializer<ScreeningEvent> {
    private final Deserializer<?> reader;
    private final Function<Object, ScreeningEvent> toEvent;

    private EventDeserializer(Deserializer<?> reader, Function<Object, ScreeningEvent> toEvent) {
        this.reader = reader;
        this.toEvent = toEvent;
    }

    static EventDeserializer purchaseOrders(Deserializer<PurchaseOrder> configured) {
        if (configured instanceof ConfluentAvroDeserializer<PurchaseOrder> own) {
            return new EventDeserializer(own.projection(AvroMapping.PURCHASE_ORDER_SCREENED),
                    r -> AvroMapping.purchaseOrderEvent((GenericRecord) r));
        }
        return new EventDeserializer(configured, r -> AvroMapping.toScreeningEvent((PurchaseOrder) r));
    }

    static EventDeserializer licenseRenewals(Deserializer<LicenseRenewal> configured) {
        if (configured instanceof ConfluentAvroDeserializer<LicenseRenewal> own) {
            return new EventDeserializer(own.projection(AvroMapping.LICENSE_RENEWAL_SCREENED),
                    r -> AvroMapping.licenseRenewalEvent((GenericRecord) r));
        }
        return new EventDeserializer(configured, r -> AvroMapping.toScreeningEvent((LicenseRenewal) r));
    }

    @Override
    public ScreeningEvent deserialize(String topic, byte[] data) {
        Object value = reader.deserialize(topic, data);
        return value == null ? null : toEvent.apply(value);
    }

    @Override
    public ScreeningEvent deserialize(String topic, Headers headers, byte[] data) {
        Object value = reader.deserialize(topic, headers, data);
        return value == null ? null : toEvent.apply(value);
    }
}
