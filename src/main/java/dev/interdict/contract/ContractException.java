package dev.interdict.contract;

/** A record that does not follow the data contract; {@link #field()} names the offending field. */
public final class ContractException extends RuntimeException {
    private final String field;

    public ContractException(String field, String message) {
        super("field '" + field + "': " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
