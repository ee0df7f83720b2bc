package dev.interdict.app;

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
 * Kafka Streams' own dead-letter records for output that cannot be written (a result that does not serialise, a
 * record too large for the broker), then carry on: one bad record must not stop the stream. A schema registry
 * that is unavailable while a result is serialised is not the record's fault: the thread fails instead (see
 * {@link RegistryFailures}). Other send errors are
 * retried when retriable and otherwise fail, as the default handler does. The built-in
 * {@code DefaultProductionExceptionHandler} always fails; this is its "log and continue" twin (see KIP-1348).
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
            // not the result's fault: fail the thread (it is replaced and the event read again), never dead-letter
            LOG.error("schema registry unavailable while writing to {} for {}-{}@{}: not dead-lettering; will retry: {}",
                    record.topic(), context.topic(), context.partition(), context.offset(), exception.getMessage());
            return Response.fail();
        }
        LOG.warn("output to {} could not be serialised ({}); source {}-{}@{} goes to the dead-letter topic: {}",
                record.topic(), origin, context.topic(), context.partition(), context.offset(), exception.toString());
        dev.interdict.ops.InterdictMetrics.deadLetter("production");
        return Response.resume(deadLetters(context, exception));
    }

    private List<ProducerRecord<byte[], byte[]>> deadLetters(ErrorHandlerContext context, Exception exception) {
        return DeadLetters.fit(ExceptionHandlerUtils.maybeBuildDeadLetterQueueRecords(deadLetterTopic,
                context.sourceRawKey(), context.sourceRawValue(), context, exception), maxValueBytes);
    }
}
