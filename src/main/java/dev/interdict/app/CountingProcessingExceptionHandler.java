package dev.interdict.app;

import dev.interdict.ops.InterdictMetrics;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/** Kafka Streams' log-and-continue processing handler (it writes the dead letter), counted in the metrics. */
public final class CountingProcessingExceptionHandler extends LogAndContinueProcessingExceptionHandler {
    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        Response r = super.handleError(context, record, exception);
        InterdictMetrics.deadLetter("processing");
        return r;
    }
}
