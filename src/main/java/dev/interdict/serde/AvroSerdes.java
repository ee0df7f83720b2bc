package dev.interdict.serde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

import java.util.Map;

/**
 * Makes configured value serdes. {@code interdict.avro.serde.class} chooses the class: Interdict's
 * {@link ConfluentAvroSerde} by default; with Confluent's jars on the classpath, set it to
 * {@code io.confluent.kafka.streams.serdes.avro.SpecificAvroSerde} and that is used instead (no-arg constructor,
 * then {@code configure(config, false)}).
 */
public final class AvroSerdes {
    private AvroSerdes() {
    }

    @SuppressWarnings("unchecked")
    public static <T extends SpecificRecord> Serde<T> forClass(Class<T> type, Map<String, ?> config) {
        String className = SerdeConfig.string(config, SerdeConfig.SERDE_CLASS, null);
        Serde<T> serde;
        if (className == null || className.isBlank() || className.equals(ConfluentAvroSerde.class.getName())) {
            serde = new ConfluentAvroSerde<>(type);
        } else {
            try {
                serde = (Serde<T>) Class.forName(className).getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | ClassCastException e) {
                throw new IllegalArgumentException(SerdeConfig.SERDE_CLASS + "=" + className
                        + " is not a Serde class with a public no-arg constructor: " + e, e);
            }
        }
        serde.configure(config, false);
        return serde;
    }
}
