package dev.interdict.app;

import dev.interdict.ops.InterdictMetrics;
import dev.interdict.topology.ListNotLoadedException;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.List;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Kafka Streams' log-and-continue processing handler (it writes the dead letter), counted in the metrics; a schema
 * registry outage, an event arriving while no list is loaded, or a result that cannot be written (see
 * {@link OutputFailures}) is not the record's fault and fails instead (the record is processed again).
 */
public final class CountingProcessingExceptionHandler extends LogAndContinueProcessingExceptionHandler {
    private int maxValueBytes = DeadLetters.DEFAULT_MAX_VALUE_BYTES;

    @Override
    public void configure(java.util.Map<String, ?> configs) {
        super.configure(configs);
        maxValueBytes = DeadLetters.maxValueBytes(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (RegistryFailures.unavailable(exception) || ListNotLoadedException.in(exception)
                || OutputFailures.in(exception)) { // a result that cannot be written: never the event's dead letter
            return Response.fail();
        }
        Response r = super.handleError(context, record, exception);
        InterdictMetrics.deadLetter("processing");
        List<ProducerRecord<byte[], byte[]>> dead = DeadLetters.fit(r.deadLetterQueueRecords(), maxValueBytes);
        return dead == null ? r : Response.resume(dead);
    }
}
