package dev.interdict.screening.names;

/**
 * Jaro-Winkler similarity (prefix scale 0.1, prefix up to 4, boost above 0.7), without allocation on the hot path: the matched-flag
 * buffers are per thread. Gives the same values as commons-text's {@code JaroWinklerSimilarity} (checked by a
 * test), which allocates on every call.
 */
final class JaroWinkler {
    private static final ThreadLocal<boolean[][]> FLAGS = ThreadLocal.withInitial(() -> new boolean[][] {new boolean[64], new boolean[64]});

    private JaroWinkler() {
    }

    /**
     * False when {@link #similarity} of the two cannot reach {@code floor}, found without matching them: a match pairs
     * equal characters, so at most as many characters match as occur in the other string (by a 64-bit mask of the
     * characters, which only overestimates); with that many matches, no transposition and the full prefix bonus,
     * Jaro-Winkler is at most 0.6 * jaro + 0.4. Unrelated words, most of what a name's words are compared with, stop
     * here.
     */
    static boolean mayReach(String a, String b, double floor) {
        return mayReach(a, mask(a), b, mask(b), floor);
    }

    /** The characters of s as bits (the low 6 bits of each): a superset test, for {@link #mayReach}. */
    static long mask(String s) {
        long mask = 0;
        for (int i = 0; i < s.length(); i++) {
            mask |= 1L << s.charAt(i); // the shift takes the low 6 bits
        }
        return mask;
    }

    /** Whether {@code matches} matched characters of strings of these lengths could reach {@code floor}. */
    static boolean reachable(int matches, int la, int lb, double floor) {
        double m = matches;
        if (m <= 0 || la == 0 || lb == 0) {
            return la == 0 && lb == 0 && floor <= 1.0;
        }
        double jaro = (m / la + m / lb + 1.0) / 3.0;
        return 0.6 * jaro + 0.4 >= floor - 1e-9;
    }

    /**
     * The first, cheaper half of {@link #mayReach}, from the lengths and {@link #mask}s alone: each character one
     * string has and the other lacks is at least one position that cannot match.
     */
    static boolean masksMayReach(int la, long maskA, int lb, long maskB, double floor) {
        int bound = Math.min(la - Long.bitCount(maskA & ~maskB), lb - Long.bitCount(maskB & ~maskA));
        return reachable(bound, la, lb, floor);
    }

    /** As {@link #mayReach(String, String, double)} with the strings' {@link #mask}s computed once, in advance. */
    static boolean mayReach(String a, long maskA, String b, long maskB, double floor) {
        if (!masksMayReach(a.length(), maskA, b.length(), maskB, floor)) {
            return false;
        }
        int aInB = 0;
        for (int i = 0; i < a.length(); i++) {
            aInB += (int) (maskB >>> a.charAt(i)) & 1;
        }
        int bInA = 0;
        for (int i = 0; i < b.length(); i++) {
            bInA += (int) (maskA >>> b.charAt(i)) & 1;
        }
        return reachable(Math.min(aInB, bInA), a.length(), b.length(), floor);
    }

    static double similarity(String left, String right) {
        // like commons-text: the shorter string is matched into the longer one
        String a = left.length() <= right.length() ? left : right;
        String b = a == left ? right : left;
        int la = a.length();
        int lb = b.length();
        if (la == 0 || lb == 0) {
            return la == lb ? 1.0 : 0.0;
        }
        boolean[][] f = FLAGS.get();
        if (f[0].length < la || f[1].length < lb) {
            f[0] = new boolean[Math.max(la, f[0].length * 2)];
            f[1] = new boolean[Math.max(lb, f[1].length * 2)];
            FLAGS.set(f);
        }
        boolean[] ma = f[0];
        boolean[] mb = f[1];
        java.util.Arrays.fill(ma, 0, la, false);
        java.util.Arrays.fill(mb, 0, lb, false);
        int window = Math.max(0, Math.max(la, lb) / 2 - 1);
        int matches = 0;
        for (int i = 0; i < la; i++) {
            char c = a.charAt(i);
            int from = Math.max(0, i - window);
            int to = Math.min(lb - 1, i + window);
            for (int j = from; j <= to; j++) {
                if (!mb[j] && b.charAt(j) == c) {
                    ma[i] = true;
                    mb[j] = true;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0) {
            return 0.0;
        }
        int transpositions = 0;
        int k = 0;
        for (int i = 0; i < la; i++) {
            if (ma[i]) {
                while (!mb[k]) {
                    k++;
                }
                if (a.charAt(i) != b.charAt(k)) {
                    transpositions++;
                }
                k++;
            }
        }
        double m = matches;
        double jaro = (m / la + m / lb + (m - transpositions / 2.0) / m) / 3.0;
        int prefix = 0;
        int max = Math.min(4, Math.min(la, lb));
        while (prefix < max && a.charAt(prefix) == b.charAt(prefix)) {
            prefix++;
        }
        return jaro < 0.7 ? jaro : jaro + prefix * 0.1 * (1.0 - jaro);
    }
}
