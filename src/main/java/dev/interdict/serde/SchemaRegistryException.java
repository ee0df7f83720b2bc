package dev.interdict.serde;

/** An error answered by the schema registry ({@code {"error_code": 40403, "message": "Schema not found"}}). */
public final class SchemaRegistryException extends RuntimeException {
    private final int status;
    private final int errorCode;

    public SchemaRegistryException(int status, int errorCode, String message) {
        super("schema registry error " + errorCode + " (HTTP " + status + "): " + message);
        this.status = status;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
        this.status = -1;
        this.errorCode = -1;
    }

    /** HTTP status, or -1 when the registry could not be reached. */
    public int status() {
        return status;
    }

    /** The registry's error code (40401 subject not found, 40403 schema not found, 409 incompatible, ...), or -1. */
    public int errorCode() {
        return errorCode;
    }
}
