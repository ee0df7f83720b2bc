package dev.interdict.screening.names;

import java.util.ArrayList;
import java.util.List;

/**
 * Blocking: the keys under which a name is filed and looked up, so that a query meets only the listed names that
 * share a spelling feature with it. Each word gives its spelling-skeleton prefix and suffix of {@value #KEY_CHARS}
 * characters (a typo at either end still finds it), a short word gives itself, and the whole name without spaces
 * and its initials (of the first 3 to 6 words) give one key each. Pure functions of a {@link PreparedName}.
 */
final class BlockingKeys {
    static final int KEY_CHARS = 4;

    private BlockingKeys() {
    }

    /** Blocking keys of a name, in a fixed order that {@link #weakKeys} relies on. */
    static List<String> keys(PreparedName p) {
        List<String> keys = new ArrayList<>(p.words.length * 2 + 1);
        keys.add("=" + p.squashed);
        if (!p.coreSquashed.equals(p.squashed) && !p.coreSquashed.isEmpty()) {
            keys.add("=" + p.coreSquashed);
        }
        for (int i = 0; i < p.words.length; i++) {
            String w = p.words[i];
            String sk = p.skeletons[i];
            if (w.length() <= 3) {
                keys.add("w" + w);
            } else {
                keys.add("<" + sk.substring(0, Math.min(KEY_CHARS, sk.length())));
                keys.add(">" + sk.substring(Math.max(0, sk.length() - KEY_CHARS)));
            }
            if (p.acronym[i]) {
                keys.add("^" + w); // initials: found by the names they abbreviate
            }
        }
        addInitialsKeys(p.tokens, keys);
        if (p.words.length != p.tokens.length) {
            addInitialsKeys(p.words, keys);
        }
        return keys;
    }

    /**
     * Which keys of {@link #keys} come from a common word ("trading", "international"): a name that also has a
     * distinctive word can only reach a review score by matching that word, so its common words' keys are not
     * needed to find it.
     */
    static boolean[] weakKeys(PreparedName p, List<String> keys) {
        int count = keys.size();
        boolean[] weak = new boolean[count];
        int k = p.coreSquashed.equals(p.squashed) || p.coreSquashed.isEmpty() ? 1 : 2;
        for (int i = 0; i < p.words.length; i++) {
            String w = p.words[i];
            boolean common = TokenStats.COMMON.contains(w);
            int n = w.length() <= 3 ? 1 : 2;
            for (int j = 0; j < n && k < count; j++) {
                weak[k++] = common;
            }
            if (p.acronym[i] && k < count) {
                k++; // the key of the initials the word may be: not weak
            }
        }
        for (; k < count; k++) {
            weak[k] = true; // the name's own initials: only for a name with nothing distinctive
        }
        return weak;
    }

    /** Initials of the first 3 to 6 words of a name, under which its initials find it. */
    private static void addInitialsKeys(String[] tokens, List<String> keys) {
        StringBuilder initials = new StringBuilder(6);
        for (String t : tokens) {
            if (t.isEmpty() || NameWords.STOP.contains(t)) {
                continue;
            }
            initials.append(t.charAt(0));
            if (initials.length() > 6) {
                break;
            }
            if (initials.length() >= 3) {
                String key = "^" + initials;
                if (!keys.contains(key)) {
                    keys.add(key);
                }
            }
        }
    }
}
