package dev.interdict.serde;

import org.apache.avro.Schema;

/**
 * The Schema Registry operations Avro serializers use. Implementations cache and are thread-safe. Schemas returned
 * have their {@code references} resolved: the named types a schema takes from other subjects are parsed first, by
 * subject and version, recursively, as Confluent's deserializer does.
 */
public interface SchemaRegistryClient {

    /** Registers a schema under a subject (or finds it already there); returns its global id. */
    default int register(String subject, Schema schema) {
        return register(subject, schema, false);
    }

    /** As {@link #register(String, Schema)}; {@code normalize} asks the registry to normalise it first. */
    int register(String subject, Schema schema, boolean normalize);

    /** The id of a schema already registered under a subject, without registering it. */
    default int getId(String subject, Schema schema) {
        return getId(subject, schema, false);
    }

    /** As {@link #getId(String, Schema)}; {@code normalize} asks the registry to compare normalised schemas. */
    int getId(String subject, Schema schema, boolean normalize);

    /** The schema with a global id. */
    Schema getById(int id);

    /** The latest version registered under a subject. */
    RegisteredSchema getLatest(String subject);

    /** One version registered under a subject. */
    RegisteredSchema getVersion(String subject, int version);
}
