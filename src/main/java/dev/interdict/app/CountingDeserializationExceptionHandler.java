package dev.interdict.app;

import dev.interdict.ops.InterdictMetrics;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' log-and-continue deserialisation handler (it writes the dead letter), counted in the metrics —
 * except when the schema registry is unavailable: that is not the record's fault, so the record is not
 * dead-lettered; the stream thread fails and is replaced, and the record is read again.
 */
public final class CountingDeserializationExceptionHandler extends LogAndContinueExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(CountingDeserializationExceptionHandler.class);

    private int maxValueBytes = DeadLetters.DEFAULT_MAX_VALUE_BYTES;

    @Override
    public void configure(java.util.Map<String, ?> configs) {
        super.configure(configs);
        maxValueBytes = DeadLetters.maxValueBytes(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        if (RegistryFailures.unavailable(exception)) {
            LOG.error("schema registry unavailable while reading {}-{}@{}: not dead-lettering; will retry: {}",
                    context.topic(), context.partition(), context.offset(), exception.getMessage());
            return Response.fail();
        }
        Response r = super.handleError(context, record, exception);
        InterdictMetrics.deadLetter("deserialization");
        List<ProducerRecord<byte[], byte[]>> dead = DeadLetters.fit(r.deadLetterQueueRecords(), maxValueBytes);
        return dead == null ? r : Response.resume(dead);
    }
}
