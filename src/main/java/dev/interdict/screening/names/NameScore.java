package dev.interdict.screening.names;

/**
 * The similarity of two names.
 *
 * @param score       similarity in [0,1]
 * @param level       the score classified by the configured thresholds and rules
 * @param explanation short human-readable reason (which tokens matched, which rule applied)
 */
public record NameScore(double score, MatchLevel level, String explanation) {
    public static final NameScore NONE = new NameScore(0.0, MatchLevel.NO_MATCH, "no match");
}
