package dev.interdict.contract;

/**
 * A record that was read but could not be used.
 *
 * @param source   where it came from (a file name, or topic-partition@offset)
 * @param line     its line or row number (1-based), or -1 when not applicable
 * @param reason   what is wrong, naming the field
 * @param recordId the id of the record (an entityId, an eventId) when it could be read, else null
 */
public record Rejection(String source, long line, String reason, String recordId) {

    public Rejection(String source, long line, String reason) {
        this(source, line, reason, null);
    }

    /** {@code FILE:LINE: reason}, every character from input escaped ({@link Printable}): safe to print as one line. */
    @Override
    public String toString() {
        String where = line >= 0 ? Printable.escape(source) + ":" + line : Printable.escape(source);
        return where + ": " + Printable.escape(reason);
    }
}
