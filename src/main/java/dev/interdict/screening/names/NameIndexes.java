package dev.interdict.screening.names;

/** Creates the name index the screener uses. */
public final class NameIndexes {
    private NameIndexes() {
    }

    public static NameIndex newIndex(MatcherConfig config) {
        return new DefaultNameIndex(config);
    }

    /** Without the per-text answer cache: every lookup does the full work (benchmarks, tests). */
    public static NameIndex newUncachedIndex(MatcherConfig config) {
        return new DefaultNameIndex(config, false);
    }
}
