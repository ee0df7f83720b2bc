package dev.interdict.serde;

import org.apache.avro.Schema;

/** The Schema Registry operations Avro serializers use. Implementations cache and are thread-safe. */
public interface SchemaRegistryClient {

    /** Registers a schema under a subject (or finds it already there); returns its global id. */
    int register(String subject, Schema schema);

    /** The id of a schema already registered under a subject, without registering it. */
    int getId(String subject, Schema schema);

    /** The schema with a global id. */
    Schema getById(int id);

    /** The latest version registered under a subject. */
    RegisteredSchema getLatest(String subject);
}
