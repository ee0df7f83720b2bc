package dev.interdict.topology;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Writes a decision with the decisions serde and an alert with the alerts serde (one sink serves both topics). */
final class OutputSerde implements Serde<SpecificRecord> {
    private final InterdictSerdes serdes;

    OutputSerde(InterdictSerdes serdes) {
        this.serdes = serdes;
    }

    @Override
    public Serializer<SpecificRecord> serializer() {
        return (topic, value) -> value instanceof dev.interdict.avro.Decision d
                ? serdes.decisions().serializer().serialize(topic, d)
                : serdes.alerts().serializer().serialize(topic, (dev.interdict.avro.Alert) value);
    }

    @Override
    public Deserializer<SpecificRecord> deserializer() {
        throw new UnsupportedOperationException("an output-only serde");
    }
}
