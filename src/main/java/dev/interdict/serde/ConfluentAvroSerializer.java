package dev.interdict.serde;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes Avro specific records in the Confluent wire format, with the subject chosen by TopicNameStrategy
 * ({@code <topic>-value} or {@code <topic>-key}). {@code auto.register.schemas} (default true) registers the record's
 * schema; otherwise {@code use.latest.version} writes with the subject's latest schema, and without either the
 * schema must already be registered. Thread-safe: Kafka Streams shares one instance between stream threads.
 */
public final class ConfluentAvroSerializer<T extends SpecificRecord> implements Serializer<T> {
    private final Class<T> type;
    private SchemaRegistryClient registry;
    private boolean isKey;
    private boolean autoRegister = true;
    private boolean useLatest;
    private Schema schema;
    private final Map<String, Target> targets = new ConcurrentHashMap<>();
    private final ThreadLocal<Buffers> buffers = ThreadLocal.withInitial(Buffers::new);

    private record Target(int id, SpecificDatumWriter<Object> writer) {
    }

    private static final class Buffers {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        BinaryEncoder encoder;
    }

    public ConfluentAvroSerializer(Class<T> type) {
        this.type = type;
    }

    public ConfluentAvroSerializer(Class<T> type, SchemaRegistryClient registry) {
        this(type);
        this.registry = registry;
        this.schema = SpecificData.get().getSchema(type);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        if (registry == null) {
            registry = SerdeConfig.client(configs);
        }
        autoRegister = SerdeConfig.bool(configs, SerdeConfig.AUTO_REGISTER_SCHEMAS, true);
        useLatest = SerdeConfig.bool(configs, SerdeConfig.USE_LATEST_VERSION, false);
        schema = SpecificData.get().getSchema(type);
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        if (registry == null) {
            throw new IllegalStateException("serializer not configured: call configure() with schema.registry.url");
        }
        Target target;
        try {
            target = targets.computeIfAbsent(topic, this::resolve);
        } catch (SchemaRegistryException e) {
            if (e.unavailable()) {
                throw e; // down, refusing us or misconfigured: not the record's fault, never dead-letter for it
            }
            throw new SerializationException("cannot get a schema id for subject " + subject(topic) + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new SerializationException("cannot get a schema id for subject " + subject(topic) + ": " + e.getMessage(), e);
        }
        Buffers b = buffers.get();
        b.bytes.reset();
        b.bytes.write(0);
        b.bytes.write(0);
        b.bytes.write(0);
        b.bytes.write(0);
        b.bytes.write(0);
        try {
            b.encoder = EncoderFactory.get().directBinaryEncoder(b.bytes, b.encoder);
            target.writer().write(data, b.encoder);
            b.encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot write " + type.getSimpleName() + " as Avro: " + e.getMessage(), e);
        }
        byte[] out = b.bytes.toByteArray();
        ConfluentWireFormat.writeHeader(out, target.id());
        return out;
    }

    private Target resolve(String topic) {
        String subject = subject(topic);
        if (autoRegister) {
            return new Target(registry.register(subject, schema), new SpecificDatumWriter<>(schema));
        }
        if (useLatest) {
            RegisteredSchema latest = registry.getLatest(subject);
            if (latest.schema().equals(schema)) {
                return new Target(latest.id(), new SpecificDatumWriter<>(schema));
            }
            // the record's fields by name, defaults for fields its class lacks
            return new Target(latest.id(), new SpecificDatumWriter<>(latest.schema(), new ByNameSpecificData(latest.schema())));
        }
        return new Target(registry.getId(subject, schema), new SpecificDatumWriter<>(schema));
    }

    private String subject(String topic) {
        return topic + (isKey ? "-key" : "-value");
    }
}
