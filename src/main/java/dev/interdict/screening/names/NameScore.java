package dev.interdict.screening.names;

import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The similarity of two names: its score and level, and why (the explanation and the {@link MatchRule}s that fired).
 *
 * <p>On the screening hot path a hit's score and level are known first; its explanation is worked out only when
 * somebody asks for it (an alert is written, a person asks): most hits of an event lose to a better hit for the same
 * entity and restriction and are never explained. Once worked out it is kept. Equality is by value, as for a record.
 */
public final class NameScore {
    public static final NameScore NONE = new NameScore(0.0, MatchLevel.NO_MATCH, "no match");

    private final double score;
    private final MatchLevel level;
    private volatile String explanation;
    private volatile int rules;
    /** Works the explanation and rules out; null once they are known. */
    private volatile Supplier<NameScore> explain;

    /**
     * @param score       similarity in [0,1]
     * @param level       the score classified by the configured thresholds and rules
     * @param explanation short human-readable reason (which tokens matched, which rule applied), ending with the
     *                    {@link MatchRule} names that fired ({@code ; rules: INITIALS, WORD_ORDER})
     * @param rules       the {@link MatchRule}s that fired, as a bitmask ({@link MatchRule#bit()})
     */
    public NameScore(double score, MatchLevel level, String explanation, int rules) {
        this.score = score;
        this.level = level;
        this.explanation = explanation;
        this.rules = rules;
    }

    public NameScore(double score, MatchLevel level, String explanation) {
        this(score, level, explanation, 0);
    }

    /** A score whose explanation and rules are those of {@code explained}, called once, when first asked for. */
    static NameScore explainedLater(double score, MatchLevel level, Supplier<NameScore> explained) {
        NameScore s = new NameScore(score, level, null, 0);
        s.explain = explained;
        return s;
    }

    public double score() {
        return score;
    }

    public MatchLevel level() {
        return level;
    }

    public String explanation() {
        resolve();
        return explanation;
    }

    public int rules() {
        resolve();
        return rules;
    }

    private void resolve() {
        Supplier<NameScore> s = explain;
        if (s != null) {
            NameScore full = s.get();
            explanation = full.explanation();
            rules = full.rules();
            explain = null;
        }
    }

    /** The rules that fired. */
    public Set<MatchRule> ruleSet() {
        return MatchRule.of(rules());
    }

    /** Whether a rule fired. */
    public boolean fired(MatchRule rule) {
        return (rules() & rule.bit()) != 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NameScore other && Double.compare(score, other.score) == 0 && level == other.level
                && Objects.equals(explanation(), other.explanation()) && rules() == other.rules();
    }

    @Override
    public int hashCode() {
        return Objects.hash(score, level, explanation(), rules());
    }

    @Override
    public String toString() {
        return "NameScore[score=" + score + ", level=" + level + ", explanation=" + explanation() + ", rules="
                + rules() + "]";
    }
}
