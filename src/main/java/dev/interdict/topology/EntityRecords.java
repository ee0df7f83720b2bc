package dev.interdict.topology;

import dev.interdict.contract.AvroMapping;
import dev.interdict.screening.RestrictedEntity;

/** Validation of records on the restricted-entities topic, shared by the list loader and the validator. */
public final class EntityRecords {
    private EntityRecords() {
    }

    /** The domain entity of a (non-tombstone) list record, or an {@link InvalidRecordException} saying why not. */
    public static RestrictedEntity validate(String key, dev.interdict.avro.RestrictedEntity value) {
        if (key == null) {
            throw new InvalidRecordException("restricted-entity record has no key (the key must be the entityId)");
        }
        RestrictedEntity entity;
        try {
            entity = AvroMapping.toDomain(value);
        } catch (RuntimeException e) {
            throw new InvalidRecordException("restricted entity '" + key + "' is invalid: " + e.getMessage(), e);
        }
        if (!key.equals(entity.entityId())) {
            throw new InvalidRecordException("record key '" + key + "' differs from entityId '" + entity.entityId() + "'");
        }
        return entity;
    }
}
