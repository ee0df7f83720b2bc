package dev.interdict.screening.names;

import org.apache.commons.text.similarity.JaroWinklerSimilarity;

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
    private static final JaroWinklerSimilarity JW = new JaroWinklerSimilarity();

    private final MatcherConfig config;
    private final TokenStats stats;

    NameScorer(MatcherConfig config, TokenStats stats) {
        this.config = config;
        this.stats = stats;
    }

    NameScore score(PreparedName q, PreparedName c) {
        if (q.squashed.isEmpty() || c.squashed.isEmpty()) {
            return NameScore.NONE;
        }
        if (q.squashed.equals(c.squashed)) {
            return new NameScore(1.0, MatchLevel.MATCH, "identical after normalisation");
        }
        if (!q.numbers.equals(c.numbers)) {
            return new NameScore(0.0, MatchLevel.NO_MATCH,
                    "numbers differ: [" + q.numbers + "] vs [" + c.numbers + "]");
        }
        StringBuilder why = new StringBuilder();
        double matched;
        double totalQ = 0;
        double totalC = 0;
        boolean allExact = true;
        int pairs;
        if (q.coreSquashed.equals(c.coreSquashed)) {
            pairs = Math.max(q.words.length, 1);
            for (String w : q.words) {
                totalQ += stats.weight(w);
            }
            totalC = totalQ;
            matched = totalQ;
            why.append("same words '").append(String.join(" ", q.words)).append("'");
        } else {
            int n = q.words.length;
            int m = c.words.length;
            double[] wq = new double[n];
            double[] wc = new double[m];
            for (int i = 0; i < n; i++) {
                wq[i] = stats.weight(q.words[i]);
                totalQ += wq[i];
            }
            for (int j = 0; j < m; j++) {
                wc[j] = stats.weight(c.words[j]);
                totalC += wc[j];
            }
            double[][] sim = new double[n][m];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    sim[i][j] = wordSimilarity(q.words[i], q.skeletons[i], c.words[j], c.skeletons[j]);
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
                        if (!usedC[j] && sim[i][j] > best) {
                            best = sim[i][j];
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
                if (!why.isEmpty()) {
                    why.append(", ");
                }
                why.append(q.words[bi]);
                if (best < 1.0) {
                    why.append("~").append(c.words[bj]).append(String.format(Locale.ROOT, "(%.2f)", best));
                }
            }
            if (why.isEmpty()) {
                why.append("no word in common");
            }
            StringBuilder unmatched = new StringBuilder();
            for (int i = 0; i < n; i++) {
                if (!usedQ[i]) {
                    unmatched.append(unmatched.isEmpty() ? "" : " ").append(q.words[i]);
                }
            }
            for (int j = 0; j < m; j++) {
                if (!usedC[j]) {
                    unmatched.append(unmatched.isEmpty() ? "" : " ").append(c.words[j]);
                }
            }
            if (!unmatched.isEmpty()) {
                why.append("; unmatched: ").append(unmatched);
            }
        }
        double total = totalQ + totalC;
        double dice = total == 0 ? 0 : 2 * matched / total;
        // one word in common is weak evidence unless it is all of the listed name: then coverage is of the listed name
        double lighter = pairs < 2 && pairs < c.words.length ? totalC : Math.min(totalQ, totalC);
        double coverage = lighter == 0 ? 0 : Math.min(1.0, matched / lighter);
        double score = 0.5 * dice + 0.5 * coverage;
        why.append(String.format(Locale.ROOT, "; dice %.2f coverage %.2f", dice, coverage));

        String formNote = formConflict(q, c);
        if (formNote != null) {
            score = Math.min(score, FORM_CONFLICT_CAP);
            return new NameScore(score, MatchLevel.NO_MATCH, why + "; legal forms differ: " + formNote);
        }
        MatchLevel level;
        if (score >= config.matchThreshold() && allExact) {
            level = MatchLevel.MATCH;
        } else if (score >= config.reviewThreshold()) {
            level = MatchLevel.REVIEW;
            if (score >= config.matchThreshold()) {
                why.append("; fuzzy words: review at most");
            }
        } else {
            level = MatchLevel.NO_MATCH;
        }
        return new NameScore(score, level, why.toString());
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
        if (Math.min(a.length(), b.length()) < 4) {
            return 0.0;
        }
        double jw = JW.apply(skA, skB);
        return jw >= FUZZY_FLOOR ? Math.min(jw, VARIANT) : 0.0;
    }
}
