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
 * Writes Avro specific records in the Confluent wire format, with the subject chosen by
 * {@code value.subject.name.strategy} / {@code key.subject.name.strategy} ({@link SubjectNameStrategy}; TopicNameStrategy,
 * {@code <topic>-value} or {@code <topic>-key}, by default). {@code auto.register.schemas} (default true) registers the
 * record's schema; otherwise {@code use.latest.version} writes with the subject's latest schema, and without either
 * the schema must already be registered. As Confluent's serializer, the schema registered or looked up is the whole
 * schema with the named types of other files inlined (no references); a subject registered with references is
 * written to with {@code auto.register.schemas=false} and {@code use.latest.version=true}.
 * {@code avro.remove.java.properties} (default <b>true</b> here) leaves out the generated class's
 * {@code "avro.java.string"} properties, so the schema asked for is the {@code .avsc} one; {@code normalize.schemas}
 * asks the registry to normalise. A registry that refuses the schema is a {@link SchemaRejectedException} (a
 * configuration fault, never the record's), a registry that cannot be reached a {@link SchemaRegistryException}.
 * Thread-safe: Kafka Streams shares one instance between stream threads.
 */
public final class ConfluentAvroSerializer<T extends SpecificRecord> implements Serializer<T> {
    private final Class<T> type;
    private SchemaRegistryClient registry;
    private boolean isKey;
    private boolean autoRegister = true;
    private boolean useLatest;
    private boolean removeJavaProperties = true;
    private boolean normalize;
    private SubjectNameStrategy strategy = SubjectNameStrategy.TOPIC;
    private Schema schema;
    /** The schema given to the registry: the class's, maybe without Java properties and normalised. */
    private Schema registrySchema;
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
        this.registrySchema = AvroSchemaText.withoutJavaProperties(schema);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        if (registry == null) {
            registry = SerdeConfig.client(configs);
        }
        autoRegister = SerdeConfig.bool(configs, SerdeConfig.AUTO_REGISTER_SCHEMAS, true);
        useLatest = SerdeConfig.bool(configs, SerdeConfig.USE_LATEST_VERSION, false);
        removeJavaProperties = SerdeConfig.bool(configs, SerdeConfig.AVRO_REMOVE_JAVA_PROPS, true);
        normalize = SerdeConfig.bool(configs, SerdeConfig.NORMALIZE_SCHEMAS, false);
        String strategyKey = isKey ? SerdeConfig.KEY_SUBJECT_NAME_STRATEGY : SerdeConfig.VALUE_SUBJECT_NAME_STRATEGY;
        strategy = SubjectNameStrategy.of(strategyKey, SerdeConfig.string(configs, strategyKey, null));
        schema = SpecificData.get().getSchema(type);
        Schema s = removeJavaProperties ? AvroSchemaText.withoutJavaProperties(schema) : schema;
        registrySchema = normalize ? AvroSchemaText.normalized(s) : s;
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
            if (e.refusedSchema()) { // the registry answered: not registered, incompatible, invalid (configuration)
                throw new SchemaRejectedException(subject(topic), e);
            }
            throw e; // down or not answering as a registry: not the record's fault, never dead-letter for it
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
            // buffered: the stream gets a few large writes, not one (synchronized) call per field
            b.encoder = EncoderFactory.get().binaryEncoder(b.bytes, b.encoder);
            target.writer().write(data, b.encoder);
            b.encoder.flush();
        } catch (IOException | RuntimeException e) {
            b.encoder = null; // a failed write may leave bytes in its buffer: never reused
            throw new SerializationException("cannot write " + type.getSimpleName() + " as Avro: " + e.getMessage(), e);
        }
        byte[] out = b.bytes.toByteArray();
        ConfluentWireFormat.writeHeader(out, target.id());
        return out;
    }

    private Target resolve(String topic) {
        String subject = subject(topic);
        if (autoRegister) {
            return new Target(registry.register(subject, registrySchema, normalize), new SpecificDatumWriter<>(schema));
        }
        if (useLatest) {
            RegisteredSchema latest = registry.getLatest(subject);
            if (latest.schema().equals(schema) || latest.schema().equals(registrySchema)) {
                return new Target(latest.id(), new SpecificDatumWriter<>(schema));
            }
            // the record's fields by name, defaults for fields its class lacks
            return new Target(latest.id(), new SpecificDatumWriter<>(latest.schema(), new ByNameSpecificData(latest.schema())));
        }
        return new Target(registry.getId(subject, registrySchema, normalize), new SpecificDatumWriter<>(schema));
    }

    private String subject(String topic) {
        return strategy.subject(topic, isKey, schema);
    }
}
