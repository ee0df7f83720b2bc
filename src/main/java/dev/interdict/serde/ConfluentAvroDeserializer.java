package dev.interdict.serde;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Reads Confluent wire-format Avro into a specific record class: the writer schema comes from the registry by id and
 * is resolved against the class's schema (so records written with an evolved schema are read). A bad record (bad
 * magic byte, unknown schema id, corrupt Avro) is a {@link SerializationException} naming the problem, which Kafka
 * Streams' deserialisation handler sends to the dead-letter topic. The id is unknown only when the registry says so
 * in its own error format (40403); a registry that cannot be reached, refuses us or does not answer as a registry
 * (a wrong URL or path, a proxy's page) is a {@link SchemaRegistryException}, which is not the record's fault and
 * must not dead-letter it. Thread-safe.
 */
public final class ConfluentAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {
    private final Class<T> type;
    private final Schema readerSchema;
    private SchemaRegistryClient registry;
    private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();

    public ConfluentAvroDeserializer(Class<T> type) {
        this.type = type;
        this.readerSchema = SpecificData.get().getSchema(type);
    }

    public ConfluentAvroDeserializer(Class<T> type, SchemaRegistryClient registry) {
        this(type);
        this.registry = registry;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (registry == null) {
            registry = SerdeConfig.client(configs);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return read(data, readers, this::readerFor);
    }

    /**
     * A deserializer that reads only the fields of {@code projection} — the class's schema with fields left out
     * ({@link Projection}) — as generic records: Avro skips the other fields instead of making strings and objects of
     * them. Same registry, same resolution against the writer's schema, same errors as this deserializer.
     */
    public Deserializer<GenericRecord> projection(Schema projection) {
        Map<Integer, DatumReader<GenericRecord>> projected = new ConcurrentHashMap<>();
        return (topic, data) -> read(data, projected, id -> new GenericDatumReader<>(registry.getById(id), projection));
    }

    private <R> R read(byte[] data, Map<Integer, DatumReader<R>> readers, Function<Integer, DatumReader<R>> readerFor) {
        if (data == null) {
            return null;
        }
        if (registry == null) {
            throw new IllegalStateException("deserializer not configured: call configure() with schema.registry.url");
        }
        int id = ConfluentWireFormat.schemaId(data);
        DatumReader<R> reader;
        try {
            reader = readers.computeIfAbsent(id, readerFor);
        } catch (SchemaRegistryException e) {
            if (e.schemaNotFound()) { // the registry says no one registered this id: the record is bad
                throw new SerializationException("unknown schema id " + id + ": " + e.getMessage(), e);
            }
            throw e; // down, refusing us or misconfigured (not a registry's answer): never dead-letter for it
        } catch (RuntimeException e) {
            throw new SerializationException("cannot use schema id " + id + ": " + e.getMessage(), e);
        }
        try {
            // a new decoder over the array (a few small objects) costs less than finding a kept one per thread
            // lengths bounded by the record's size: a hostile length is a dead letter, not an OutOfMemoryError
            int length = data.length - ConfluentWireFormat.HEADER_SIZE;
            BoundedDecoder d = new BoundedDecoder(
                    DecoderFactory.get().binaryDecoder(data, ConfluentWireFormat.HEADER_SIZE, length, null), length);
            R value = reader.read(null, d);
            if (!d.isEnd()) {
                throw new SerializationException("trailing bytes after the Avro record (schema id " + id + ")");
            }
            return value;
        } catch (SerializationException e) {
            throw e;
        } catch (Exception e) {
            throw new SerializationException("cannot decode " + type.getSimpleName() + " with schema id " + id
                    + " (truncated or corrupt Avro?): " + e, e);
        }
    }

    private DatumReader<T> readerFor(int id) {
        Schema writer = registry.getById(id);
        return new SpecificDatumReader<>(writer, readerSchema);
    }
}
