package dev.interdict.screening.names;

/**
 * Thresholds of the name matcher.
 *
 * @param matchThreshold  score at or above which a pair is a MATCH
 * @param reviewThreshold score at or above which a pair is a REVIEW (below: NO_MATCH)
 */
public record MatcherConfig(double matchThreshold, double reviewThreshold) {
    public static final MatcherConfig DEFAULT = new MatcherConfig(0.92, 0.80);

    public MatcherConfig {
        if (!(0 <= reviewThreshold && reviewThreshold <= matchThreshold && matchThreshold <= 1)) {
            throw new IllegalArgumentException(
                    "need 0 <= reviewThreshold <= matchThreshold <= 1, got review=" + reviewThreshold
                            + " match=" + matchThreshold);
        }
    }
}
