package dev.interdict.serde;

import org.apache.kafka.common.KafkaException;

/**
 * The registry answered, in its own error format, that it will not give the writer's schema an id under a subject:
 * the subject or the schema is not registered ({@code auto.register.schemas=false}: 40401, 40403), the schema is
 * incompatible (409) or invalid (42201). This is a configuration fault of the writer, not of a record: it is not a
 * {@code SerializationException}, so it never sends a record to the dead-letter topic, and it is not an outage, so
 * waiting does not help. Interdict stops on it (see {@code DeadLetterProductionExceptionHandler}).
 */
public final class SchemaRejectedException extends KafkaException {
    private final String subject;

    public SchemaRejectedException(String subject, SchemaRegistryException cause) {
        super("the schema registry refused the writer schema for subject " + subject + ": " + cause.getMessage()
                + " (check auto.register.schemas, the schema registered under the subject, avro.remove.java.properties"
                + " and the subject name strategy)", cause);
        this.subject = subject;
    }

    public String subject() {
        return subject;
    }
}
