package dev.interdict.app;

import dev.interdict.ops.InterdictMetrics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/** Kafka Streams' log-and-continue deserialisation handler (it writes the dead letter), counted in the metrics. */
public final class CountingDeserializationExceptionHandler extends LogAndContinueExceptionHandler {
    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        Response r = super.handleError(context, record, exception);
        InterdictMetrics.deadLetter("deserialization");
        return r;
    }
}
