package dev.interdict.serde;

/**
 * A schema registry failure. Only one kind is about a record: the registry answered, in its own JSON error format,
 * that it has no such schema (HTTP 404, error code 40403: the record names a schema id no one registered), see
 * {@link #schemaNotFound()}. Everything else — the registry cannot be reached, times out, refuses us, answers with
 * another error code, or answers with something that is not a schema registry's answer (a proxy's HTML page, a 404
 * for a wrong path, an over-long body) — is {@link #unavailable()}: not the record's fault, so it must never
 * dead-letter a record.
 */
public final class SchemaRegistryException extends RuntimeException {
    private final int status;
    private final int errorCode;

    /** An error the registry answered in its own format ({@code {"error_code": 40403, "message": "..."}}). */
    public SchemaRegistryException(int status, int errorCode, String message) {
        super("schema registry error " + errorCode + " (HTTP " + status + "): " + Urls.redact(message));
        this.status = status;
        this.errorCode = errorCode;
    }

    /** The registry could not be reached or did not answer in time. */
    public SchemaRegistryException(String message, Throwable cause) {
        this(-1, message, cause);
    }

    /** An answer with an HTTP status (or -1) that is not a schema registry's answer. */
    public SchemaRegistryException(int status, String message, Throwable cause) {
        super(Urls.redact(message), cause);
        this.status = status;
        this.errorCode = -1;
    }

    /** HTTP status, or -1 when the registry could not be reached. */
    public int status() {
        return status;
    }

    /**
     * The registry's error code (40401 subject not found, 40403 schema not found, 409 incompatible, ...), or -1 when
     * the answer was not a schema registry's error.
     */
    public int errorCode() {
        return errorCode;
    }

    /** The registry answered that it has no such schema (HTTP 404, error code 40403): the record's fault. */
    public boolean schemaNotFound() {
        return status == 404 && errorCode == 40403;
    }

    /**
     * The registry answered, in its own error format, that it refuses a schema for a subject: subject, version or
     * schema not found (404xx), incompatible (409) or invalid (422xx). For a writer that is a configuration fault.
     */
    public boolean refusedSchema() {
        return (errorCode >= 40400 && errorCode < 40500) || (errorCode > 0 && (status == 409 || status == 422));
    }

    /** Anything but {@link #schemaNotFound()}: not the record's fault; retry, never dead-letter. */
    public boolean unavailable() {
        return !schemaNotFound();
    }
}
