package dev.interdict.topology;

import dev.interdict.avro.Alert;
import dev.interdict.avro.Decision;
import dev.interdict.avro.LicenseRenewal;
import dev.interdict.avro.PurchaseOrder;
import dev.interdict.avro.RestrictedEntity;
import org.apache.avro.specific.SpecificRecord;
import dev.interdict.serde.AvroSerdes;
import org.apache.kafka.common.serialization.Serde;

import java.util.Map;


/** The value serdes of every Interdict topic (keys are strings). */
public record InterdictSerdes(
        Serde<PurchaseOrder> purchaseOrders,
        Serde<LicenseRenewal> licenseRenewals,
        Serde<RestrictedEntity> restrictedEntities,
        Serde<Decision> decisions,
        Serde<Alert> alerts) {

    /** A factory that makes one configured value serde per record class. */
    public interface Factory {
        <T extends SpecificRecord> Serde<T> valueSerde(Class<T> type);
    }

    /** Serdes made by {@link AvroSerdes#forClass} with one configuration (registry URL, serde class, ...). */
    public static Factory avro(Map<String, ?> config) {
        return new Factory() {
            @Override
            public <T extends SpecificRecord> Serde<T> valueSerde(Class<T> type) {
                return AvroSerdes.forClass(type, config);
            }
        };
    }

    public static InterdictSerdes from(Factory f) {
        return new InterdictSerdes(f.valueSerde(PurchaseOrder.class), f.valueSerde(LicenseRenewal.class),
                f.valueSerde(RestrictedEntity.class), f.valueSerde(Decision.class), f.valueSerde(Alert.class));
    }

}
