package dev.interdict.topology;

import dev.interdict.avro.Alert;
import dev.interdict.avro.Decision;
import dev.interdict.avro.LicenseRenewal;
import dev.interdict.avro.PurchaseOrder;
import dev.interdict.avro.RestrictedEntity;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;


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

    public static InterdictSerdes from(Factory f) {
        return new InterdictSerdes(f.valueSerde(PurchaseOrder.class), f.valueSerde(LicenseRenewal.class),
                f.valueSerde(RestrictedEntity.class), f.valueSerde(Decision.class), f.valueSerde(Alert.class));
    }

}
