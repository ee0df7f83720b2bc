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
     * Scores a pair. With {@code explainAll} false (the screening hot path) a NO_MATCH returns null and a hit's
     * explanation is built when first asked for.
     */
    NameScore score(PreparedName q, PreparedName c, boolean explainAll) {
        if (explainAll) {
            return score(q, c, new StringBuilder());
        }
        NameScore s = score(q, c, null);
        if (s != null) { // a hit on the hot path: explained when asked (most hits lose to a better one)
            return NameScore.explainedLater(s.score(), s.level(), () -> score(q, c, new StringBuilder()));
        }
        return null;
    }

    /** {@code why} null: do not explain; return null for NO_MATCH and a null explanation for hits. */
    private NameScore score(PreparedName q, PreparedName c, StringBuilder why) {
        boolean explain = why != null;
        if (q.squashed.isEmpty() || c.squashed.isEmpty()) {
            return explain ? NameScore.NONE : null;
        }
        int rules = explain ? writtenRules(q, c) : 0;
        if (q.squashedHash == c.squashedHash && q.squashed.equals(c.squashed)) {
            if (!explain) {
                return new NameScore(1.0, MatchLevel.MATCH, null);
            }
            if (!String.join(" ", q.tokens).equals(String.join(" ", c.tokens))) {
                rules |= MatchRule.SPACING.bit();
            }
            return new NameScore(1.0, MatchLevel.MATCH, "identical after normalisation" + MatchRule.suffix(rules),
                    rules);
        }
        if (q.numbersHash != c.numbersHash || (q.numbersHash != 0 && !q.numbers.equals(c.numbers))) {
            return explain ? new NameScore(0.0, MatchLevel.NO_MATCH,
                    "numbers differ: [" + q.numbers + "] vs [" + c.numbers + "]" + MatchRule.suffix(rules), rules)
                    : null;
        }
        if (!explain && q.words.length == 1 && c.cells.length >= 2 * PreparedName.CELL
                && (q.coreHash != c.coreHash || !q.coreSquashed.equals(c.coreSquashed))
                && !q.acronym[0] && !sharesWord(q, c)
                && singleWordBound(q.weights(stats)[0], c.weights(stats)) < config.reviewThreshold()) {
            return null; // one word can match one word of a longer listed name: not enough, whatever the spelling
        }
        double matched;
        double totalQ = 0;
        double totalC = 0;
        boolean allExact = true;
        int pairs;
        boolean extraWord = false;
        boolean floor = false;
        boolean distinctiveLeft = false;
        if (q.coreHash == c.coreHash && q.coreSquashed.equals(c.coreSquashed)) {
            if (explain && !String.join(" ", q.words).equals(String.join(" ", c.words))) {
                rules |= MatchRule.SPACING.bit();
            }
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
            int m = c.cells.length / PreparedName.CELL;
            double[] wq = q.weights(stats);
            double[] wc = c.weights(stats);
            for (int i = 0; i < n; i++) {
                totalQ += wq[i];
            }
            for (int j = 0; j < m; j++) {
                totalC += wc[j];
            }
            boolean[] may = null; // on the hot path: the word pairs that may be alike at all (not unrelated)
            if (!explain) {
                may = new boolean[n * m];
                if (cannotReachReview(q, c, wq, wc, totalQ, totalC, may)) {
                    return null;
                }
            }
            boolean[] usedQ = new boolean[n];
            boolean[] usedC = new boolean[m];
            int[] partnerOfQ = new int[n];
            java.util.Arrays.fill(partnerOfQ, -1);
            matched = 0;
            pairs = 0;
            double initials = initials(q, c, usedQ, usedC, wq, wc, partnerOfQ, why)
                    + initials(c, q, usedC, usedQ, wc, wq, null, why);
            if (initials > 0) {
                matched += initials;
                pairs++;
                allExact = false;
                rules |= MatchRule.INITIALS.bit();
            }
            double[] sim = new double[n * m];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    sim[i * m + j] = usedQ[i] || usedC[j] ? 0
                            : may == null ? similarity(q, i, c, j)
                            : may[i * m + j] ? similarityInFull(q, i, c, j) : 0;
                }
            }
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
                partnerOfQ[bi] = bj;
                pairs++;
                matched += best * (wq[bi] + wc[bj]) / 2;
                if (best < 1.0) {
                    allExact = false;
                    if (explain) {
                        rules |= ruleOf(q, bi, c, bj).bit();
                    }
                }
                if (explain) {
                    if (!why.isEmpty()) {
                        why.append(", ");
                    }
                    why.append(q.words[bi]);
                    if (best < 1.0) {
                        why.append("~").append(c.words[bj]).append('(');
                        appendFixed2(why, best).append(' ').append(rule(q, bi, c, bj)).append(')');
                    }
                }
            }
            if (n > 1 || m > 1) {
                double split = joined(q, c, usedQ, usedC, wq, wc, why) + joined(c, q, usedC, usedQ, wc, wq, why);
                if (split > 0) {
                    matched += split;
                    rules |= MatchRule.SPACING.bit();
                }
            }
            int last = -1;
            for (int i = 0; i < n; i++) {
                if (partnerOfQ[i] >= 0) {
                    if (partnerOfQ[i] < last) {
                        rules |= MatchRule.WORD_ORDER.bit();
                    }
                    last = partnerOfQ[i];
                }
            }
            pairs = 0;
            for (boolean u : usedC) {
                pairs += u ? 1 : 0;
            }
            if (explain) {
                explainUnmatched(q, c, usedQ, usedC, why);
            }
            // an unmatched word on either side: never a confident match (Rosneft Marine Trading is not Rosneft
            // Trading); but when every distinctive word is matched and the rest is generic words or regions on one
            // side (Kaspersky vs Kaspersky Lab, Technoprom vs Technoprom Europe), a person must look
            boolean genericLeftQ = false;
            boolean genericLeftC = false;
            boolean regionLeft = false;
            for (int i = 0; i < n; i++) {
                if (!usedQ[i] && !q.stop[i]) {
                    extraWord = true;
                    distinctiveLeft |= !q.generic[i];
                    genericLeftQ |= !q.region[i];
                    regionLeft |= q.region[i];
                }
            }
            for (int j = 0; j < m; j++) {
                if (!usedC[j] && !c.stop[j]) {
                    extraWord = true;
                    distinctiveLeft |= !c.generic[j];
                    genericLeftC |= !c.region[j];
                    regionLeft |= c.region[j];
                }
            }
            boolean distinctiveMatched = false; // and spelled the same, not only alike (Stark is not Star)
            for (int i = 0; i < n; i++) {
                int j = partnerOfQ[i];
                distinctiveMatched |= j >= 0 && !q.generic[i] && sameWord(q, i, c, j);
            }
            floor = extraWord && !distinctiveLeft && distinctiveMatched && !(genericLeftQ && genericLeftC);
            if (explain && floor) {
                why.append("; only generic words or regions differ: review at least");
                rules |= regionLeft ? MatchRule.REGION_CAP.bit() : MatchRule.BARE_NAME.bit();
            }
            if (!floor && truncatedPrefix(q, c, usedQ, usedC, partnerOfQ)) {
                floor = true;
                if (explain) {
                    why.append("; cut short (ERP field length): what is left agrees, review at least");
                    rules |= MatchRule.TRUNCATION.bit();
                }
            }
        }
        double total = totalQ + totalC;
        double dice = total == 0 ? 0 : 2 * matched / total;
        // one word in common is weak evidence unless it is all of the listed name: then coverage is of the listed name
        double lighter = pairs < 2 && pairs < c.words.length ? totalC : Math.min(totalQ, totalC);
        double coverage = lighter == 0 ? 0 : Math.min(1.0, matched / lighter);
        double score = 0.5 * dice + 0.5 * coverage;
        if (floor) {
            score = Math.max(score, config.reviewThreshold());
        }
        if (!explain && score < config.reviewThreshold()) {
            return null;
        }
        if (explain) {
            appendFixed2(why.append("; dice "), dice);
            appendFixed2(why.append(" coverage "), coverage);
        }
        String formNote = formConflict(q, c);
        if (formNote != null) {
            rules |= MatchRule.LEGAL_FORM.bit();
            return explain ? new NameScore(Math.min(score, FORM_CONFLICT_CAP), MatchLevel.NO_MATCH,
                    why + "; legal forms differ: " + formNote + MatchRule.suffix(rules), rules) : null;
        }
        if (extraWord && (distinctiveLeft || score >= config.matchThreshold())) {
            rules |= MatchRule.EXTRA_WORD_CAP.bit(); // a word on one side only: never a confident match
        }
        MatchLevel level;
        if (score >= config.matchThreshold() && allExact && !extraWord) {
            level = MatchLevel.MATCH;
        } else if (score >= config.reviewThreshold()) {
            level = MatchLevel.REVIEW;
            if (explain && score >= config.matchThreshold()) {
                why.append(extraWord ? "; a word on one side only: review at most" : "; near words: review at most");
            }
        } else {
            level = MatchLevel.NO_MATCH;
        }
        if (!explain) {
            return level == MatchLevel.NO_MATCH ? null : new NameScore(score, level, null);
        }
        return new NameScore(score, level, why.append(MatchRule.suffix(rules)).toString(), rules);
    }

    /**
     * The rules that the way the two names are written calls for, before their words are compared: evasion
     * normalised away (CONFUSABLES), another script on one side (CROSS_SCRIPT), legal forms written differently
     * (LEGAL_FORM), and, when the names are not written alike, what their preparation rewrote (abbreviations, number
     * words, spacing, domains). Only for explanations; what it needs of each name is computed once per name.
     */
    static int writtenRules(PreparedName q, PreparedName c) {
        int rules = 0;
        if (q.evasive() || c.evasive()) {
            rules |= MatchRule.CONFUSABLES.bit();
        }
        if (q.otherScript() != c.otherScript()) {
            rules |= MatchRule.CROSS_SCRIPT.bit();
        }
        if ((!q.forms.isEmpty() && !c.forms.isEmpty() && !phrases(q).equals(phrases(c)))
                || q.formWrittenOtherwise() || c.formWrittenOtherwise()) {
            rules |= MatchRule.LEGAL_FORM.bit();
        }
        if (!q.normalizedOriginal().equals(c.normalizedOriginal())) {
            int prepared = q.rules | c.rules;
            if (q.numbers.isEmpty() && c.numbers.isEmpty()) {
                prepared &= ~MatchRule.NUMBER_WORDS.bit();
            }
            rules |= prepared;
        }
        return rules;
    }

    private static java.util.List<String> phrases(PreparedName p) {
        java.util.List<String> out = new java.util.ArrayList<>(p.forms.size());
        for (LegalForms.Form f : p.forms) {
            out.add(f.phrase());
        }
        return out;
    }

    /** Which rule made two different words alike: {@link #rule} as a {@link MatchRule}. */
    static MatchRule ruleOf(PreparedName q, int i, PreparedName c, int j) {
        String a = q.words[i];
        String b = c.words[j];
        if (q.skeletons[i].equals(c.skeletons[j]) || plural(a, b) || plural(b, a)) {
            return MatchRule.SPELLING_VARIANT;
        }
        String ma = NameWords.meaning(a);
        if (ma != null && ma.equals(NameWords.meaning(b))) {
            return MatchRule.CROSS_SCRIPT;
        }
        if (q.stems[i].equals(c.stems[j]) && a.length() >= 5 && b.length() >= 5) {
            return MatchRule.CROSS_SCRIPT;
        }
        if (a.length() != b.length() && (a.startsWith(b) || b.startsWith(a))) {
            return q.dotted[i] || c.dotted[j] ? MatchRule.ABBREVIATION : MatchRule.TRUNCATION;
        }
        return MatchRule.TYPO;
    }

    /** Whether a word of q equals a word of c in spelling skeleton or stem (then the one-word bound does not hold). */
    private static boolean sharesWord(PreparedName q, PreparedName c) {
        for (int j = 0; j < c.words.length; j++) {
            if (c.skeletons[j].equals(q.skeletons[0]) || c.stems[j].equals(q.stems[0])) {
                return true;
            }
        }
        return false;
    }

    /**
     * True only when the pair certainly scores under the review threshold, told without comparing words in full: every
     * word that may be alike a word of the other side ({@link #unrelated} false, marked in {@code may}) is counted as
     * matched whole, which bounds the matched weight, hence dice and coverage. Never when a rule adds weight or a floor
     * outside that bound may apply: initials (a word in capitals), a split word (lengths that add up), a name cut
     * short, or only generic words or regions left unmatched (review at least).
     */
    private boolean cannotReachReview(PreparedName q, PreparedName c, double[] wq, double[] wc, double totalQ,
                                      double totalC, boolean[] may) {
        int n = q.words.length;
        int m = wc.length;
        int[] cc = c.cells;
        boolean[] pairedC = new boolean[m];
        double bound = 0;
        boolean distinctiveAlone = false;
        int flagsC = 0;
        for (int i = 0; i < n; i++) {
            boolean any = false;
            for (int j = 0; j < m; j++) {
                if (!unrelated(q, i, c, j)) {
                    may[i * m + j] = true;
                    pairedC[j] = true;
                    any = true;
                }
            }
            if (any) {
                bound += wq[i];
            } else {
                distinctiveAlone |= !q.stop[i] && !q.generic[i];
            }
        }
        for (int j = 0; j < m; j++) {
            int flags = cc[j * PreparedName.CELL + 5];
            flagsC |= flags;
            if (pairedC[j]) {
                bound += wc[j];
            } else {
                distinctiveAlone |= (flags & (PreparedName.STOP | PreparedName.GENERIC)) == 0;
            }
        }
        if ((!distinctiveAlone && maySpellAlike(q, c)) || mayBeCut(q, m, may) || anyTrue(q.acronym)
                || (flagsC & PreparedName.ACRONYM) != 0 || mayJoin(q, c) || mayJoin(c, q)) {
            return false;
        }
        double matched = bound / 2;
        double total = totalQ + totalC;
        double dice = total == 0 ? 0 : 2 * matched / total;
        double lighter = Math.min(totalQ, totalC);
        double coverage = lighter == 0 ? 0 : Math.min(1.0, matched / lighter);
        return 0.5 * dice + 0.5 * coverage < config.reviewThreshold() - 1e-9;
    }

    private static boolean anyTrue(boolean[] flags) {
        for (boolean f : flags) {
            if (f) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether two adjacent words of {@code a} make a word of {@code b} ({@link #joined}, without its other tests); the
     * strings are read only where the lengths add up.
     */
    private static boolean mayJoin(PreparedName a, PreparedName b) {
        int[] ac = a.cells;
        int[] bc = b.cells;
        int n = ac.length / PreparedName.CELL;
        int m = bc.length / PreparedName.CELL;
        for (int i = 0; i + 1 < n; i++) {
            int length = ac[i * PreparedName.CELL + 3] + ac[(i + 1) * PreparedName.CELL + 3];
            for (int j = 0; j < m; j++) {
                if (bc[j * PreparedName.CELL + 3] == length) {
                    String target = b.words[j];
                    if (target.startsWith(a.words[i]) && target.endsWith(a.words[i + 1])) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Whether a distinctive word of q may be the same word as one of c ({@link #sameWord}: the same word, skeleton or
     * stem, told by the hashes of {@link PreparedName#cells}): what the review floor for generic words left needs.
     */
    private static boolean maySpellAlike(PreparedName q, PreparedName c) {
        int[] qc = q.cells;
        int[] cc = c.cells;
        int m = cc.length / PreparedName.CELL;
        for (int i = 0; i < q.words.length; i++) {
            if (q.generic[i]) {
                continue;
            }
            int a = i * PreparedName.CELL;
            for (int j = 0; j < m; j++) {
                int b = j * PreparedName.CELL;
                if (qc[a] == cc[b] || qc[a + 1] == cc[b + 1]
                        || (qc[a + 3] >= 5 && cc[b + 3] >= 5 && qc[a + 2] == cc[b + 2])) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether {@link #truncatedPrefix} may hold: q may be cut short and each of its words may be alike c's there. */
    private static boolean mayBeCut(PreparedName q, int m, boolean[] may) {
        int n = q.words.length;
        if (!q.mayBeTruncated || n < 2 || n > m) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (!may[i * m + i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * An ERP cut the name short: one side is long enough to have been cut, all its words are matched, in order, by
     * the first words of the other, and its last word is the start of the other's word there (or whole).
     */
    private static boolean truncatedPrefix(PreparedName q, PreparedName c, boolean[] usedQ, boolean[] usedC,
                                           int[] partnerOfQ) {
        if (q.mayBeTruncated && q.words.length >= 2) {
            for (int i = 0; i < q.words.length; i++) {
                if (!usedQ[i] || partnerOfQ[i] != i) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * A word split in two on one side ({@code Kasper sky}) that is one word on the other: both halves matched to it.
     * Returns the matched weight.
     */
    private static double joined(PreparedName a, PreparedName b, boolean[] usedA, boolean[] usedB, double[] wa,
                                 double[] wb, StringBuilder why) {
        double matched = 0;
        int[] ac = a.cells;
        int[] bc = b.cells;
        for (int i = 0; i + 1 < a.words.length; i++) {
            if (usedA[i] || usedA[i + 1]) {
                continue;
            }
            int length = ac[i * PreparedName.CELL + 3] + ac[(i + 1) * PreparedName.CELL + 3];
            String w = a.words[i];
            String next = a.words[i + 1];
            for (int j = 0; j < b.words.length; j++) {
                if (usedB[j] || bc[j * PreparedName.CELL + 3] != length) {
                    continue; // lengths from the cells: a word's string is read only when they add up
                }
                String target = b.words[j];
                if (target.startsWith(w)
                        && target.endsWith(next) && !contains(b.words, w) && !contains(b.words, next)) {
                    usedA[i] = true;
                    usedA[i + 1] = true;
                    usedB[j] = true;
                    matched += (wa[i] + wa[i + 1] + wb[j]) / 2;
                    if (why != null) {
                        why.append(why.isEmpty() ? "" : ", ").append(w).append(' ').append(next).append("=")
                                .append(target).append("(split word)");
                    }
                    break;
                }
            }
        }
        return matched;
    }

    static final double INITIALS = 0.9;
    static final double ABBREVIATION = 0.9;

    /**
     * Initials: a word of {@code a} written in capitals (3 to 6 letters; see {@link PreparedName#acronym}) that is the
     * initials of consecutive words of {@code b} ({@code of/the/and} skipped, legal forms counted or not):
     * {@code UAC} = {@code United Aircraft Corporation}. Marks the words used and returns the matched weight.
     */
    private static double initials(PreparedName a, PreparedName b, boolean[] usedA, boolean[] usedB, double[] wa,
                                   double[] wb, int[] partnerOfA, StringBuilder why) {
        double matched = 0;
        for (int i = 0; i < a.words.length; i++) {
            String w = a.words[i];
            if (!a.acronym[i] || usedA[i] || contains(b.words, w)) {
                continue;
            }
            int[] run = initialsRun(w, b.tokens, b.words);
            if (run == null) {
                run = initialsRun(w, b.words, b.words);
            }
            if (run == null) {
                continue;
            }
            double weight = 0;
            for (int j : run) {
                if (j >= 0 && !usedB[j]) {
                    usedB[j] = true;
                    weight += wb[j];
                }
            }
            if (weight == 0) {
                continue;
            }
            usedA[i] = true;
            if (partnerOfA != null && run.length > 0) {
                partnerOfA[i] = run[0];
            }
            matched += INITIALS * (wa[i] + weight) / 2;
            if (why != null) {
                why.append(why.isEmpty() ? "" : ", ").append(w).append("=initials(").append(INITIALS).append(')');
            }
        }
        return matched;
    }

    /**
     * Indexes into {@code words} (-1 for a legal form) of the consecutive tokens whose initials spell w, with the
     * function words between them; or null.
     */
    private static int[] initialsRun(String w, String[] tokens, String[] words) {
        int[] pos = new int[tokens.length];
        int count = 0;
        for (int t = 0; t < tokens.length; t++) {
            if (!NameWords.STOP.contains(tokens[t]) && !tokens[t].isEmpty()) {
                pos[count++] = t;
            }
        }
        int len = w.length();
        for (int s = 0; s + len <= count; s++) {
            boolean fits = true;
            for (int k = 0; k < len && fits; k++) {
                fits = tokens[pos[s + k]].charAt(0) == w.charAt(k);
            }
            if (fits) {
                int from = pos[s];
                int to = pos[s + len - 1];
                int[] idx = new int[to - from + 1];
                boolean[] taken = new boolean[words.length];
                for (int t = from; t <= to; t++) {
                    int j = -1;
                    for (int k = 0; k < words.length && j < 0; k++) {
                        if (!taken[k] && words[k].equals(tokens[t])) {
                            j = k;
                        }
                    }
                    if (j >= 0) {
                        taken[j] = true;
                    }
                    idx[t - from] = j;
                }
                return idx;
            }
        }
        return null;
    }

    private static boolean contains(String[] words, String w) {
        return indexOf(words, w) >= 0;
    }

    private static int indexOf(String[] words, String w) {
        for (int i = 0; i < words.length; i++) {
            if (words[i].equals(w)) {
                return i;
            }
        }
        return -1;
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
    static int maxLengthGap(int skA, int skB) {
        return Math.min(2, Math.max(skA, skB) / 4);
    }

    /**
     * True only when {@link #similarity} of the two words is certainly 0, told from {@link PreparedName#cells} and the
     * skeleton masks alone: not the same word or skeleton (hashes differ), no plural (lengths differ by other than
     * one), no common stem, no shared generic meaning, no abbreviation or cut allowed, and too far apart in length or
     * letters (by the skeletons' character masks) for Jaro-Winkler to reach {@link #FUZZY_FLOOR}. Anything else goes the full way, so this changes no
     * score: a hash collision or a near pair only costs the full comparison.
     */
    static boolean unrelated(PreparedName q, int i, PreparedName c, int j) {
        int[] qc = q.cells;
        int[] cc = c.cells;
        int a = i * PreparedName.CELL;
        int b = j * PreparedName.CELL;
        if (qc[a] == cc[b] || qc[a + 1] == cc[b + 1]) {
            return false; // maybe the same word or skeleton
        }
        int la = qc[a + 3];
        int lb = cc[b + 3];
        if (((qc[a + 5] | cc[b + 5]) & (PreparedName.PREFIX | PreparedName.MEANING)) != 0) {
            return false; // maybe an abbreviation, a cut word or a generic word in two languages
        }
        if ((la - lb == 1 && lb >= 3 && (qc[a + 5] & PreparedName.ENDS_S) != 0)
                || (lb - la == 1 && la >= 3 && (cc[b + 5] & PreparedName.ENDS_S) != 0)) {
            return false; // maybe a plural
        }
        if (la >= 5 && lb >= 5 && qc[a + 2] == cc[b + 2]) {
            return false; // maybe the same stem
        }
        if (Math.min(la, lb) < 4) {
            return true;
        }
        int ska = qc[a + 4];
        int skb = cc[b + 4];
        if (Math.abs(ska - skb) > maxLengthGap(ska, skb)) {
            return true;
        }
        return !JaroWinkler.masksMayReach(ska, PreparedName.mask(qc, i), skb, PreparedName.mask(cc, j), FUZZY_FLOOR);
    }

    /**
     * How alike word i of q and word j of c are: {@link #wordSimilarity} (spelling), or a near match when they are
     * the same generic word in two languages (zavod/plant), the same word in the singular and plural (lab/labs) or
     * without a Russian grammatical ending (petrovskogo/petrovsky), or when one is the start of the other and was
     * written with a dot (Elec./Electric) or may have been cut short by an ERP field (the last word of a long name).
     */
    static double similarity(PreparedName q, int i, PreparedName c, int j) {
        return unrelated(q, i, c, j) ? 0.0 : similarityInFull(q, i, c, j);
    }

    /** {@link #similarity} without the shortcut of {@link #unrelated}. */
    static double similarityInFull(PreparedName q, int i, PreparedName c, int j) {
        String a = q.words[i];
        String b = c.words[j];
        double s = wordSimilarity(a, q.skeletons[i], PreparedName.mask(q.cells, i), b, c.skeletons[j],
                PreparedName.mask(c.cells, j));
        if (s >= VARIANT || a.length() <= 1 || b.length() <= 1) {
            return s;
        }
        if (plural(a, b) || plural(b, a)) {
            return VARIANT;
        }
        String ma = q.meanings[i];
        if (ma != null && ma.equals(c.meanings[j])) {
            return VARIANT;
        }
        if (a.length() >= 5 && b.length() >= 5 && q.stems[i].equals(c.stems[j])
                && (q.stems[i].length() < a.length() || c.stems[j].length() < b.length())) {
            return VARIANT;
        }
        if (prefix(a, b, q.dotted[i] || (q.mayBeTruncated && i == q.words.length - 1))
                || prefix(b, a, c.dotted[j] || (c.mayBeTruncated && j == c.words.length - 1))) {
            return Math.max(s, ABBREVIATION);
        }
        return s;
    }

    /** Equal, or equal but for transliteration or grammatical ending: not merely a typo (or a plural) away. */
    static boolean sameWord(PreparedName q, int i, PreparedName c, int j) {
        String a = q.words[i];
        String b = c.words[j];
        return a.equals(b) || q.skeletons[i].equals(c.skeletons[j])
                || (a.length() >= 5 && b.length() >= 5 && q.stems[i].equals(c.stems[j]));
    }

    private static boolean plural(String a, String b) {
        return a.length() >= 3 && b.length() == a.length() + 1 && b.endsWith("s") && b.startsWith(a);
    }

    private static boolean prefix(String shorter, String longer, boolean allowed) {
        return allowed && shorter.length() >= 2 && shorter.length() < longer.length() && longer.startsWith(shorter);
    }

    /** Which rule made two words alike, for explanations. */
    static String rule(PreparedName q, int i, PreparedName c, int j) {
        String a = q.words[i];
        String b = c.words[j];
        if (q.skeletons[i].equals(c.skeletons[j])) {
            return "spelling variant";
        }
        if (plural(a, b) || plural(b, a)) {
            return "plural";
        }
        String ma = NameWords.meaning(a);
        if (ma != null && ma.equals(NameWords.meaning(b))) {
            return "same generic word '" + ma + "'";
        }
        if (q.stems[i].equals(c.stems[j]) && a.length() >= 5 && b.length() >= 5) {
            return "grammatical ending";
        }
        if (a.length() != b.length() && (a.startsWith(b) || b.startsWith(a))) {
            return "abbreviated or cut short";
        }
        return "typo";
    }

    static double wordSimilarity(String a, String skA, String b, String skB) {
        return wordSimilarity(a, skA, JaroWinkler.mask(skA), b, skB, JaroWinkler.mask(skB));
    }

    /** As {@link #wordSimilarity(String, String, String, String)} with the skeletons' masks computed in advance. */
    static double wordSimilarity(String a, String skA, long maskA, String b, String skB, long maskB) {
        if (a.equals(b)) {
            return 1.0;
        }
        if (a.length() <= 2 || b.length() <= 2) {
            return 0.0; // initials and short words only match exactly
        }
        if (skA.equals(skB)) {
            return VARIANT;
        }
        if (Math.min(a.length(), b.length()) < 4 || Math.abs(skA.length() - skB.length()) > maxLengthGap(skA.length(), skB.length())) {
            return 0.0;
        }
        if (!JaroWinkler.mayReach(skA, maskA, skB, maskB, FUZZY_FLOOR)) {
            return 0.0;
        }
        double jw = JaroWinkler.similarity(skA, skB);
        return jw >= FUZZY_FLOOR ? Math.min(jw, VARIANT) : 0.0;
    }

    /**
     * {@code x} with two decimals, as {@code String.format(Locale.ROOT, "%.2f", x)} writes it (half up), without the
     * Formatter: on the hot path it was a fifth of the time to screen an event. A value within rounding noise of a
     * half falls back to the Formatter, so the text is the same in every case.
     */
    static StringBuilder appendFixed2(StringBuilder sb, double x) {
        double scaled = x * 100;
        double frac = scaled - Math.floor(scaled);
        if (!(scaled >= 0 && scaled < 1e15) || Math.abs(frac - 0.5) < 1e-6) {
            return sb.append(String.format(Locale.ROOT, "%.2f", x)); // negative, huge, NaN or near a half
        }
        long r = Math.round(scaled);
        sb.append(r / 100).append('.');
        long cents = r % 100;
        return sb.append((char) ('0' + cents / 10)).append((char) ('0' + cents % 10));
    }
}
