package dev.interdict.screening.names;

import java.util.Set;

/**
 * The similarity of two names.
 *
 * @param score       similarity in [0,1]
 * @param level       the score classified by the configured thresholds and rules
 * @param explanation short human-readable reason (which tokens matched, which rule applied), ending with the
 *                    {@link MatchRule} names that fired ({@code ; rules: INITIALS, WORD_ORDER})
 * @param rules       the {@link MatchRule}s that fired, as a bitmask ({@link MatchRule#bit()})
 */
public record NameScore(double score, MatchLevel level, String explanation, int rules) {
    public static final NameScore NONE = new NameScore(0.0, MatchLevel.NO_MATCH, "no match");

    public NameScore(double score, MatchLevel level, String explanation) {
        this(score, level, explanation, 0);
    }

    /** The rules that fired. */
    public Set<MatchRule> ruleSet() {
        return MatchRule.of(rules);
    }

    /** Whether a rule fired. */
    public boolean fired(MatchRule rule) {
        return (rules & rule.bit()) != 0;
    }
}
