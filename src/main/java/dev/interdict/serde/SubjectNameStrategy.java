package dev.interdict.serde;

import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;

/**
 * Confluent's three subject name strategies, configured by their Confluent class names
 * ({@code value.subject.name.strategy}, {@code key.subject.name.strategy}) so existing configuration files work.
 */
public enum SubjectNameStrategy {
    /** {@code <topic>-value} / {@code <topic>-key} (the default). */
    TOPIC("io.confluent.kafka.serializers.subject.TopicNameStrategy"),
    /** The record's full name, e.g. {@code dev.interdict.avro.Decision}, whatever the topic. */
    RECORD("io.confluent.kafka.serializers.subject.RecordNameStrategy"),
    /** {@code <topic>-<record full name>}. */
    TOPIC_RECORD("io.confluent.kafka.serializers.subject.TopicRecordNameStrategy");

    private final String className;

    SubjectNameStrategy(String className) {
        this.className = className;
    }

    public String className() {
        return className;
    }

    /** The strategy of a class name (Confluent's, or its simple name); null or blank is the default. */
    public static SubjectNameStrategy of(String key, String className) {
        if (className == null || className.isBlank()) {
            return TOPIC;
        }
        String c = className.trim();
        for (SubjectNameStrategy s : values()) {
            if (s.className.equals(c) || s.className.substring(s.className.lastIndexOf('.') + 1).equals(c)) {
                return s;
            }
        }
        throw new ConfigException(key, className, "not a subject name strategy Interdict knows: use one of "
                + TOPIC.className + ", " + RECORD.className + ", " + TOPIC_RECORD.className);
    }

    /** The subject of a record with this schema written to a topic. */
    public String subject(String topic, boolean isKey, Schema schema) {
        return switch (this) {
            case TOPIC -> topic + (isKey ? "-key" : "-value");
            case RECORD -> schema.getFullName();
            case TOPIC_RECORD -> topic + "-" + schema.getFullName();
        };
    }
}
