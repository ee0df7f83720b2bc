package dev.interdict.screening.names;

/** How well a name from an event matches a listed name. */
public enum MatchLevel {
    /** Confident match: raises a VIOLATION when a restriction is in force. */
    MATCH,
    /** Possible match: raises a REVIEW (a human must look) when a restriction is in force. */
    REVIEW,
    /** Not the same party. */
    NO_MATCH
}
