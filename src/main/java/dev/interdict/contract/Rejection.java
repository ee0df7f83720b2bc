package dev.interdict.contract;

/**
 * A record that was read but could not be used.
 *
 * @param source where it came from (a file name, or topic-partition@offset)
 * @param line   its line or row number (1-based), or -1 when not applicable
 * @param reason what is wrong, naming the field
 */
public record Rejection(String source, long line, String reason) {
    @Override
    public String toString() {
        return line >= 0 ? source + ":" + line + ": " + reason : source + ": " + reason;
    }
}
