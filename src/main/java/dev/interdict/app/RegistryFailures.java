package dev.interdict.app;

import dev.interdict.serde.SchemaRegistryException;
import dev.interdict.serde.SchemaRejectedException;
import org.apache.kafka.common.errors.SerializationException;

/** Tells a schema-registry outage (retry, never dead-letter) from a bad record (dead-letter). */
public final class RegistryFailures {
    private RegistryFailures() {
    }

    /**
     * True when the registry was unavailable, refused us or did not answer as a schema registry, as opposed to the
     * record being bad (a {@link SerializationException}, or the registry's own "schema not found") or the registry
     * refusing a writer's schema (a {@link SchemaRejectedException}: configuration, waiting does not help).
     */
    public static boolean unavailable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SerializationException || c instanceof SchemaRejectedException) {
                return false;
            }
            if (c instanceof SchemaRegistryException e) {
                return e.unavailable();
            }
        }
        return false;
    }

    /** The registry refused the schema of a result: the whole application is misconfigured. */
    public static SchemaRejectedException rejectedSchema(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SchemaRejectedException e) {
                return e;
            }
        }
        return null;
    }
}
