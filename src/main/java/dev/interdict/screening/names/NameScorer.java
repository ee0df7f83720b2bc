package dev.interdict.screening.names;

import java.util.Locale;

/**
 * Scores two prepared names.
 *
 * <ol>
 *   <li>Identical once normalised (also across spacing: {@code JSC ARGUMENT} = {@code JSCARGUMENT}): 1.0, MATCH.</li>
 *   <li>Numbers must agree ({@code Brasskey Shipping Three} ≠ {@code Five}): otherwise NO_MATCH.</li>
 *   <li>Words are aligned best pair first. A pair scores 1 when equal, {@value #VARIANT} when equal in spelling
 *       skeleton (transliteration variants: {@code Zhelvinsky}/{@code Jelvinskiy}), Jaro-Winkler of the skeletons
 *       (at most {@value #VARIANT}) when that is at least {@value #FUZZY_FLOOR}, else 0; words of one or two letters
 *       (initials) only match exactly.</li>
 *   <li>Each word weighs its distinctiveness ({@link TokenStats}). score = ½·weighted Dice (how much of both names
 *       is matched) + ½·coverage of the lighter name (so a missing middle name or branch word costs less); when
 *       only one word is in common and the listed name has more, coverage is of the listed name (a bare
 *       {@code Kaspersky} is weak evidence for {@code AO Kaspersky Lab}).</li>
 *   <li>Legal forms on both sides that are not compatible (Inc vs GmbH, OOO vs Ltda) make it a different company:
 *       NO_MATCH, the score capped at {@value #FORM_CONFLICT_CAP}.</li>
 *   <li>MATCH needs score ≥ the match threshold and every aligned word equal; a fuzzy word makes it REVIEW at most;
 *       REVIEW needs score ≥ the review threshold.</li>
 * </ol>
 */
final class NameScorer {
    static final double VARIANT = 0.92;
    static final double FUZZY_FLOOR = 0.88;
    static final double FORM_CONFLICT_CAP = 0.5;

    private final MatcherConfig config;
    private final TokenStats stats;

    NameScorer(MatcherConfig config, TokenStats stats) {
        this.config = config;
        this.stats = stats;
    }

    /**
     * Scores a pair. With {@code explainAll} false (the screening hot path) a NO_MATCH returns null and the
     * explanation is built only for hits.
     */
    NameScore score(PreparedName q, PreparedName c, boolean explainAll) {
        NameScore s = score(q, c, explainAll ? new StringBuilder() : null);
        if (s != null && s.explanation() == null) {
            return score(q, c, new StringBuilder()); // a hit on the hot path: explain it now
        }
        return s;
    }

    /** {@code why} null: do not explain; return null for NO_MATCH and a null explanation for hits. */
    private NameScore score(PreparedName q, PreparedName c, StringBuilder why) {
        boolean explain = why != null;
        if (q.squashed.isEmpty() || c.squashed.isEmpty()) {
            return explain ? NameScore.NONE : null;
        }
        if (q.squashed.equals(c.squashed)) {
            return new NameScore(1.0, MatchLevel.MATCH, explain ? "identical after normalisation" : null);
        }
        if (!q.numbers.equals(c.numbers)) {
            return explain ? new NameScore(0.0, MatchLevel.NO_MATCH,
                    "numbers differ: [" + q.numbers + "] vs [" + c.numbers + "]") : null;
        }
        if (!explain && q.words.length == 1 && c.words.length >= 2 && !q.coreSquashed.equals(c.coreSquashed)
                && singleWordBound(q.weights(stats)[0], c.weights(stats)) < config.reviewThreshold()) {
            return null; // one word can match one word of a longer listed name: not enough, whatever the spelling
        }
        double matched;
        double totalQ = 0;
        double totalC = 0;
        boolean allExact = true;
        int pairs;
        if (q.coreSquashed.equals(c.coreSquashed)) {
            pairs = Math.max(q.words.length, 1);
            for (double w : q.weights(stats)) {
                totalQ += w;
            }
            totalC = totalQ;
            matched = totalQ;
            if (explain) {
                why.append("same words '").append(String.join(" ", q.words)).append("'");
            }
        } else {
            int n = q.words.length;
            int m = c.words.length;
            double[] wq = q.weights(stats);
            double[] wc = c.weights(stats);
            for (int i = 0; i < n; i++) {
                totalQ += wq[i];
            }
            for (int j = 0; j < m; j++) {
                totalC += wc[j];
            }
            double[] sim = new double[n * m];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    sim[i * m + j] = wordSimilarity(q.words[i], q.skeletons[i], c.words[j], c.skeletons[j]);
                }
            }
            boolean[] usedQ = new boolean[n];
            boolean[] usedC = new boolean[m];
            matched = 0;
            pairs = 0;
            while (true) { // greedy: best remaining pair first
                int bi = -1;
                int bj = -1;
                double best = 0;
                for (int i = 0; i < n; i++) {
                    if (usedQ[i]) {
                        continue;
                    }
                    for (int j = 0; j < m; j++) {
                        if (!usedC[j] && sim[i * m + j] > best) {
                            best = sim[i * m + j];
                            bi = i;
                            bj = j;
                        }
                    }
                }
                if (bi < 0) {
                    break;
                }
                usedQ[bi] = true;
                usedC[bj] = true;
                pairs++;
                matched += best * (wq[bi] + wc[bj]) / 2;
                if (best < 1.0) {
                    allExact = false;
                }
                if (explain) {
                    if (!why.isEmpty()) {
                        why.append(", ");
                    }
                    why.append(q.words[bi]);
                    if (best < 1.0) {
                        why.append("~").append(c.words[bj]).append(String.format(Locale.ROOT, "(%.2f)", best));
                    }
                }
            }
            if (explain) {
                explainUnmatched(q, c, usedQ, usedC, why);
            }
        }
        double total = totalQ + totalC;
        double dice = total == 0 ? 0 : 2 * matched / total;
        // one word in common is weak evidence unless it is all of the listed name: then coverage is of the listed name
        double lighter = pairs < 2 && pairs < c.words.length ? totalC : Math.min(totalQ, totalC);
        double coverage = lighter == 0 ? 0 : Math.min(1.0, matched / lighter);
        double score = 0.5 * dice + 0.5 * coverage;
        if (!explain && score < config.reviewThreshold()) {
            return null;
        }
        if (explain) {
            why.append(String.format(Locale.ROOT, "; dice %.2f coverage %.2f", dice, coverage));
        }
        String formNote = formConflict(q, c);
        if (formNote != null) {
            return explain ? new NameScore(Math.min(score, FORM_CONFLICT_CAP), MatchLevel.NO_MATCH,
                    why + "; legal forms differ: " + formNote) : null;
        }
        MatchLevel level;
        if (score >= config.matchThreshold() && allExact) {
            level = MatchLevel.MATCH;
        } else if (score >= config.reviewThreshold()) {
            level = MatchLevel.REVIEW;
            if (explain && score >= config.matchThreshold()) {
                why.append("; fuzzy words: review at most");
            }
        } else {
            level = MatchLevel.NO_MATCH;
        }
        if (!explain) {
            return level == MatchLevel.NO_MATCH ? null : new NameScore(score, level, null);
        }
        return new NameScore(score, level, why.toString());
    }

    /** The best score a one-word name can reach against a listed name of several words (weights {@code wc}). */
    static double singleWordBound(double wq, double[] wc) {
        double totalC = 0;
        double max = 0;
        for (double w : wc) {
            totalC += w;
            max = Math.max(max, w);
        }
        double matched = (wq + max) / 2;
        double dice = 2 * matched / (wq + totalC);
        double coverage = Math.min(1.0, matched / totalC);
        return 0.5 * dice + 0.5 * coverage;
    }

    private static void explainUnmatched(PreparedName q, PreparedName c, boolean[] usedQ, boolean[] usedC,
                                         StringBuilder why) {
        if (why.isEmpty()) {
            why.append("no word in common");
        }
        StringBuilder unmatched = new StringBuilder();
        for (int i = 0; i < usedQ.length; i++) {
            if (!usedQ[i]) {
                unmatched.append(unmatched.isEmpty() ? "" : " ").append(q.words[i]);
            }
        }
        for (int j = 0; j < usedC.length; j++) {
            if (!usedC[j]) {
                unmatched.append(unmatched.isEmpty() ? "" : " ").append(c.words[j]);
            }
        }
        if (!unmatched.isEmpty()) {
            why.append("; unmatched: ").append(unmatched);
        }
    }

    /** Null when the legal forms fit (or one side has none), else a description of the conflict. */
    static String formConflict(PreparedName q, PreparedName c) {
        if (q.forms.isEmpty() || c.forms.isEmpty()) {
            return null;
        }
        for (LegalForms.Form a : q.forms) {
            for (LegalForms.Form b : c.forms) {
                if (LegalForms.compatible(a, b)) {
                    return null;
                }
            }
        }
        return q.forms.get(0).compare() + " vs " + c.forms.get(0).compare();
    }

    /**
     * A typo or a transliteration variant changes a word's length by a letter or two, not by a third of it. Without
     * this, Jaro-Winkler's prefix bonus scores a short word against a longer one that starts the same way
     * ({@code Trey}/{@code Treinta}: 0.91) as a near-identical spelling: one letter of difference up to 7 letters,
     * two from 8.
     */
    static int maxLengthGap(String skA, String skB) {
        return Math.min(2, Math.max(skA.length(), skB.length()) / 4);
    }

    static double wordSimilarity(String a, String skA, String b, String skB) {
        if (a.equals(b)) {
            return 1.0;
        }
        if (a.length() <= 2 || b.length() <= 2) {
            return 0.0; // initials and short words only match exactly
        }
        if (skA.equals(skB)) {
            return VARIANT;
        }
        if (Math.min(a.length(), b.length()) < 4 || Math.abs(skA.length() - skB.length()) > maxLengthGap(skA, skB)) {
            return 0.0;
        }
        if (!JaroWinkler.mayReach(skA, skB, FUZZY_FLOOR)) {
            return 0.0;
        }
        double jw = JaroWinkler.similarity(skA, skB);
        return jw >= FUZZY_FLOOR ? Math.min(jw, VARIANT) : 0.0;
    }
}
