package dev.interdict.app;

import dev.interdict.serde.SchemaRejectedException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * What happens when a result (decision, alert) cannot be written. A result that does not <em>serialise</em> is never
 * dead-lettered: every result of an application shares its writer schema, so a registry that refuses it
 * ({@link SchemaRejectedException}: subject not registered with {@code auto.register.schemas=false}, incompatible,
 * invalid), cannot be reached, or a writer fault would dead-letter every event while the application looked healthy.
 * The thread fails instead, with nothing of the event committed (the event is read again); {@code InterdictApp}
 * replaces the thread after a pause for a registry outage and stops the instance (/health 503) for anything else.
 * A record too large for the broker is the event's own (its size) and goes to Kafka Streams' dead-letter records.
 * Other send errors are retried when retriable and otherwise fail, as the default handler does.
 */
public final class DeadLetterProductionExceptionHandler implements ProductionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProductionExceptionHandler.class);
    private String deadLetterTopic;
    private int maxValueBytes = DeadLetters.DEFAULT_MAX_VALUE_BYTES;

    @Override
    public void configure(Map<String, ?> configs) {
        Object t = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        deadLetterTopic = t == null ? null : t.toString();
        maxValueBytes = DeadLetters.maxValueBytes(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof RetriableException) {
            return Response.retry();
        }
        if (exception instanceof RecordTooLargeException) {
            LOG.warn("output to {} too large for the broker; source {}-{}@{} goes to the dead-letter topic",
                    record.topic(), context.topic(), context.partition(), context.offset());
            dev.interdict.ops.InterdictMetrics.deadLetter("production");
            return Response.resume(deadLetters(context, exception));
        }
        return Response.fail(deadLetters(context, exception));
    }

    @Override
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                             SerializationExceptionOrigin origin) {
        if (RegistryFailures.unavailable(exception)) {
            OutputFailures.mark(exception);
            // not the result's fault: fail the thread (it is replaced and the event read again), never dead-letter
            LOG.error("schema registry unavailable while writing to {} for {}-{}@{}: not dead-lettering; will retry: {}",
                    record.topic(), context.topic(), context.partition(), context.offset(), exception.getMessage());
            return Response.fail();
        }
        // a configuration fault of the application, not of the event: stop loudly, never a dead letter per result
        OutputFailures.mark(exception);
        LOG.error("cannot write a result to {} ({}) for {}-{}@{}: {}; outputs are never dead-lettered, this instance"
                        + " stops (fix the schema registry or serde configuration for {})", record.topic(), origin,
                context.topic(), context.partition(), context.offset(), exception.toString(), record.topic());
        return Response.fail();
    }

    private List<ProducerRecord<byte[], byte[]>> deadLetters(ErrorHandlerContext context, Exception exception) {
        return DeadLetters.fit(ExceptionHandlerUtils.maybeBuildDeadLetterQueueRecords(deadLetterTopic,
                context.sourceRawKey(), context.sourceRawValue(), context, exception), maxValueBytes);
    }
}
