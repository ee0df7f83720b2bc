package dev.interdict.app;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The failures to write a result that {@link DeadLetterProductionExceptionHandler} answered with FAIL. A result is
 * written from inside the screen processor (the sink is reached through {@code forward}), so Kafka Streams hands the
 * same failure to the processing exception handler next, which would dead-letter the event: it asks here first and
 * fails too. Kept by identity and weakly, so nothing accumulates.
 */
final class OutputFailures {
    private static final Set<Throwable> FAILED = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<Throwable, Boolean>()));

    private OutputFailures() {
    }

    static void mark(Throwable t) {
        FAILED.add(t);
    }

    /** Whether {@code t} or one of its causes is a result that could not be written. */
    static boolean in(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (FAILED.contains(c) || c instanceof dev.interdict.serde.SchemaRejectedException) {
                return true;
            }
        }
        return false;
    }
}
