package dev.interdict.serde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.util.Map;

/** Serde for Avro specific records in the Confluent wire format; configured with Confluent's property names. */
public final class ConfluentAvroSerde<T extends SpecificRecord> implements Serde<T> {
    private final ConfluentAvroSerializer<T> serializer;
    private final ConfluentAvroDeserializer<T> deserializer;

    public ConfluentAvroSerde(Class<T> type) {
        serializer = new ConfluentAvroSerializer<>(type);
        deserializer = new ConfluentAvroDeserializer<>(type);
    }

    public ConfluentAvroSerde(Class<T> type, SchemaRegistryClient registry) {
        serializer = new ConfluentAvroSerializer<>(type, registry);
        deserializer = new ConfluentAvroDeserializer<>(type, registry);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
