package dev.interdict.topology;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.RecordContext;
import org.apache.kafka.streams.processor.TopicNameExtractor;

/** Decisions to the decisions topic, alerts (ordinary and retro) to the alerts topic. */
final class OutputTopics implements TopicNameExtractor<String, SpecificRecord> {
    private final TopicNames topics;

    OutputTopics(TopicNames topics) {
        this.topics = topics;
    }

    @Override
    public String extract(String key, SpecificRecord value, RecordContext context) {
        return value instanceof dev.interdict.avro.Decision ? topics.decisions() : topics.alerts();
    }

    @Override
    public String toString() {
        return "decisions to " + topics.decisions() + ", alerts to " + topics.alerts();
    }
}
