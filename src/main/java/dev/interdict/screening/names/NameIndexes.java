package dev.interdict.screening.names;

/** Creates the name index the screener uses. */
public final class NameIndexes {
    private NameIndexes() {
    }

    public static NameIndex newIndex(MatcherConfig config) {
        return new DefaultNameIndex(config);
    }
}
