package dev.interdict.topology;

/** A record that deserialised but breaks the data contract; sent to the dead-letter topic with this message. */
public final class InvalidRecordException extends RuntimeException {
    public InvalidRecordException(String message) {
        super(message);
    }

    public InvalidRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
