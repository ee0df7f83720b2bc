package dev.interdict.screening;

/** Outcome of screening, ordered from harmless to worst. */
public enum Verdict {
    CLEAR, REVIEW, VIOLATION;

    public Verdict worst(Verdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
