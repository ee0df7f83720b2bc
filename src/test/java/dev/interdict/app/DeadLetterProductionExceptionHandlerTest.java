package dev.interdict.app;

import dev.interdict.serde.SchemaRegistryException;
import dev.interdict.serde.SchemaRejectedException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DeadLetterProductionExceptionHandlerTest {
    static final ErrorHandlerContext CONTEXT = (ErrorHandlerContext) Proxy.newProxyInstance(
            ErrorHandlerContext.class.getClassLoader(), new Class<?>[] {ErrorHandlerContext.class},
            (proxy, method, args) -> switch (method.getName()) {
                case "topic" -> "interdict.purchase-orders";
                case "partition" -> 0;
                case "offset" -> 7L;
                case "sourceRawKey", "sourceRawValue" -> new byte[] {1};
                case "headers" -> new org.apache.kafka.common.header.internals.RecordHeaders();
                default -> method.getReturnType() == long.class ? 0L : method.getReturnType() == int.class ? 0 : null;
            });

    @Test
    void registryOutageWhileSerialisingAResultFailsTheThreadInsteadOfDeadLetteringTheEvent() {
        DeadLetterProductionExceptionHandler handler = new DeadLetterProductionExceptionHandler();
        handler.configure(Map.of("errors.dead.letter.queue.topic.name", "interdict.dlq"));
        ProductionExceptionHandler.Response r = handler.handleSerializationError(CONTEXT,
                new ProducerRecord<>("interdict.decisions", "k", "v"),
                new SchemaRegistryException("schema registry unavailable at [http://r/]", new java.io.IOException("x")),
                ProductionExceptionHandler.SerializationExceptionOrigin.VALUE);
        assertEquals(ProductionExceptionHandler.Result.FAIL, r.result());
        assertEquals(0, r.deadLetterQueueRecords().size());
    }

    @Test
    void resultThatCannotBeSerialisedFailsTheTaskAndIsNeverDeadLettered() {
        DeadLetterProductionExceptionHandler handler = new DeadLetterProductionExceptionHandler();
        handler.configure(Map.of("errors.dead.letter.queue.topic.name", "interdict.dlq"));
        ProductionExceptionHandler.Response r = handler.handleSerializationError(CONTEXT,
                new ProducerRecord<>("interdict.decisions", "k", "v"), new SerializationException("cannot write"),
                ProductionExceptionHandler.SerializationExceptionOrigin.VALUE);
        assertEquals(ProductionExceptionHandler.Result.FAIL, r.result());
        assertEquals(0, r.deadLetterQueueRecords().size());
    }

    @Test
    void registryRefusingTheOutputSchemaFailsTheTaskAndStopsTheInstanceInsteadOfReplacingTheThread() {
        DeadLetterProductionExceptionHandler handler = new DeadLetterProductionExceptionHandler();
        handler.configure(Map.of("errors.dead.letter.queue.topic.name", "interdict.dlq"));
        for (int code : new int[] {40401, 40403}) {
            SchemaRejectedException rejected = new SchemaRejectedException("interdict.decisions-value",
                    new SchemaRegistryException(404, code, "not found"));
            ProductionExceptionHandler.Response r = handler.handleSerializationError(CONTEXT,
                    new ProducerRecord<>("interdict.decisions", "k", "v"), rejected,
                    ProductionExceptionHandler.SerializationExceptionOrigin.VALUE);
            assertEquals(ProductionExceptionHandler.Result.FAIL, r.result());
            assertEquals(0, r.deadLetterQueueRecords().size());
            assertEquals(StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT,
                    InterdictApp.onStreamThreadFailure(new StreamsException("Unable to serialize record", rejected)));
        }
    }

    @Test
    void aResultThatFailedToWriteIsNotDeadLetteredByTheProcessingHandlerEither() {
        DeadLetterProductionExceptionHandler handler = new DeadLetterProductionExceptionHandler();
        handler.configure(Map.of("errors.dead.letter.queue.topic.name", "interdict.dlq"));
        SerializationException failure = new SerializationException("cannot write");
        handler.handleSerializationError(CONTEXT, new ProducerRecord<>("interdict.decisions", "k", "v"), failure,
                ProductionExceptionHandler.SerializationExceptionOrigin.VALUE);
        CountingProcessingExceptionHandler processing = new CountingProcessingExceptionHandler();
        processing.configure(Map.of("errors.dead.letter.queue.topic.name", "interdict.dlq"));
        var r = processing.handleError(CONTEXT, new org.apache.kafka.streams.processor.api.Record<>("k", "v", 0L),
                new StreamsException("Error encountered sending record", failure));
        assertEquals(org.apache.kafka.streams.errors.ProcessingExceptionHandler.Result.FAIL, r.result());
        assertEquals(0, r.deadLetterQueueRecords().size());
    }
}
