package dev.interdict.screening.names;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Listed names and brands as word sequences, for a token scan of texts that are not names: free-text descriptions
 * (a brand or name inside a sentence) and brands written as the start of a longer word ({@code ZorvanexOS}).
 *
 * <p>A scan looks up each token of the text in hash maps: its cost is linear in the number of tokens (and the
 * caller bounds the text), never a pairwise scoring of n-grams. Filed per listed name of two words or more: its whole
 * token sequence, a MATCH in a description when the name has a legal form or two distinctive words (otherwise REVIEW:
 * {@code Gas and Glass} in a sentence is an order of gas and glass), and its words without the legal form (REVIEW); per
 * brand: its words (REVIEW in a description). A name of one word, or a name's one distinctive word alone, is not looked
 * for in descriptions: measured on the OFAC SDN list, those are ordinary words as often as not ({@code steel},
 * {@code office}, {@code cargo}, {@code solar}) and flagged a third of ordinary order lines. A brand of one word of at
 * least {@value #MIN_PREFIX} letters that is not a generic word is also found as the start of a longer token, unless
 * the rest of the token is an English ending or a plural {@code s} ({@code Titan} is not in {@code Titanium} or
 * {@code Titans}, {@code Delta} not in {@code Deltaic}; a possessive {@code 's} is taken off by the normaliser).
 *
 * <p>One writer (under the index's lock), many readers: copy-on-write arrays in concurrent maps.
 */
final class TextScanIndex {
    /** Letters a word needs to be found as the start of a longer word. */
    static final int MIN_PREFIX = 5;
    /** What a word that starts with a listed word may end with and still be an ordinary English word. */
    private static final Set<String> ENGLISH_ENDINGS = Set.of("s", "es", "ed", "er", "ers", "est", "ing", "ings", "ly",
            "al", "ally", "als", "ic", "ics", "ical", "ism", "isms", "ist", "ists", "ity", "ities", "ize", "ise",
            "ized", "ised", "izes", "ises", "ization", "isation", "izations", "ation", "ations", "ion", "ions",
            "ness", "ment", "ments", "ous", "ive", "ives", "able", "ible", "ably", "ium", "iums", "ia", "ian", "ians",
            "an", "ans", "ful", "less", "ship", "hood", "dom", "ette", "ettes", "ish", "y", "ies", "ied", "ier",
            "iest", "en", "ened", "ening", "ate", "ated", "ates", "ating", "ure", "ures", "age", "ages", "ance",
            "ence", "ant", "ent", "ary", "ery", "ory", "ward", "wards", "wise", "like");

    /** What a scan finds: the words of a listed name or brand, and the level they raise in a description. */
    record Key(String entityId, String name, NameKind kind, String[] words, MatchLevel level, boolean whole) {
    }

    private final Map<String, Key[]> byFirstWord = new ConcurrentHashMap<>();
    /** Brands of one distinctive word, for the start of a longer token. */
    private final Map<String, Key[]> byPrefix = new ConcurrentHashMap<>();
    /** The first {@value #MIN_PREFIX} letters of every word in {@link #byPrefix}: most tokens stop at this lookup. */
    private final Map<String, Integer> prefixStarts = new ConcurrentHashMap<>();
    private volatile int longestPrefix;
    private final Map<String, List<Key>> byEntity = new HashMap<>();

    /** Files the names and brands of one entity (the caller has removed its earlier ones). */
    void put(String entityId, List<ListedName> names, List<BrandIndex.Brand> brands) {
        List<Key> keys = new ArrayList<>();
        for (ListedName l : names) {
            PreparedName p = l.prepared();
            int distinctive = distinctiveWords(p).length;
            if (distinctive == 0 || p.tokens.length < 2) {
                continue; // only generic words, or one word: not enough to find in a sentence
            }
            boolean confident = !p.forms.isEmpty() || distinctive >= 2;
            keys.add(new Key(entityId, l.name(), l.kind(), p.tokens, confident ? MatchLevel.MATCH : MatchLevel.REVIEW,
                    true));
            if (p.words.length >= 2 && p.numbers.isEmpty() && !Arrays.equals(p.words, p.tokens)) {
                // (a name with a number keeps it: Five Star Shipping is not Star Shipping)
                keys.add(new Key(entityId, l.name(), l.kind(), p.words, MatchLevel.REVIEW, false));
            }
        }
        for (BrandIndex.Brand b : brands) {
            keys.add(new Key(entityId, b.name(), NameKind.BRAND, b.words(), MatchLevel.REVIEW, false));
        }
        Map<String, List<Key>> first = new LinkedHashMap<>();
        Map<String, List<Key>> prefixes = new LinkedHashMap<>();
        for (Key k : keys) {
            first.computeIfAbsent(k.words()[0], w -> new ArrayList<>(1)).add(k);
            if (k.kind() == NameKind.BRAND && k.words().length == 1 && mayBePrefix(k.words()[0])) {
                prefixes.computeIfAbsent(k.words()[0], w -> new ArrayList<>(1)).add(k);
            }
        }
        first.forEach((w, list) -> byFirstWord.merge(w, list.toArray(Key[]::new), BrandIndex::concat));
        prefixes.forEach((w, list) -> {
            byPrefix.merge(w, list.toArray(Key[]::new), BrandIndex::concat);
            prefixStarts.merge(w.substring(0, MIN_PREFIX), 1, Integer::sum);
            if (w.length() > longestPrefix) {
                longestPrefix = w.length();
            }
        });
        if (!keys.isEmpty()) {
            byEntity.put(entityId, keys);
        }
    }

    void remove(String entityId) {
        List<Key> keys = byEntity.remove(entityId);
        if (keys == null) {
            return;
        }
        for (Key k : keys) {
            byFirstWord.computeIfPresent(k.words()[0], (w, arr) -> without(arr, entityId));
            if (byPrefix.containsKey(k.words()[0]) && k.words().length == 1) {
                Key[] before = byPrefix.get(k.words()[0]);
                Key[] after = without(before, entityId);
                if (after != before) {
                    if (after == null) {
                        byPrefix.remove(k.words()[0]);
                        prefixStarts.computeIfPresent(k.words()[0].substring(0, MIN_PREFIX),
                                (s, n) -> n <= 1 ? null : n - 1);
                    } else {
                        byPrefix.put(k.words()[0], after);
                    }
                }
            }
        }
    }

    /** A word that may be found as the start of a longer word: long enough, distinctive, not a number. */
    static boolean mayBePrefix(String word) {
        if (word.length() < MIN_PREFIX || NameWords.generic(word) || PreparedName.number(word) != null) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (Character.isLetter(word.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** A name's words without function words, generic words, regions and legal forms, in order. */
    static String[] distinctiveWords(PreparedName p) {
        List<String> out = new ArrayList<>(p.words.length);
        for (int i = 0; i < p.words.length; i++) {
            if (!p.generic[i] && !p.stop[i]) {
                out.add(p.words[i]);
            }
        }
        return out.toArray(String[]::new);
    }

    /**
     * Brands that start a longer token of a brand field ({@code ZorvanexOS}, {@code ZORVANEX2}): REVIEW, rule
     * BRAND_PREFIX. Whole-word brands are the caller's.
     */
    void brandPrefixes(String[] tokens, double reviewScore, List<NameHit> hits) {
        for (String t : tokens) {
            prefixHits(t, reviewScore, 0, hits);
        }
    }

    /**
     * A description's tokens scanned for listed names and brands: a whole listed name (all its tokens in a row) with
     * a legal form or two distinctive words is a MATCH; any other listed name of two words or more, a name's words
     * without its legal form, a brand as whole words or as the start of a token are REVIEW. Every hit has rule
     * DESCRIPTION.
     */
    void description(String[] tokens, double reviewScore, List<NameHit> hits) {
        int d = MatchRule.DESCRIPTION.bit();
        for (int i = 0; i < tokens.length; i++) {
            Key[] keys = byFirstWord.get(tokens[i]);
            if (keys != null) {
                for (Key k : keys) {
                    if (!startsAt(tokens, i, k.words())) {
                        continue;
                    }
                    String words = String.join(" ", k.words());
                    if (k.level() == MatchLevel.MATCH) {
                        hits.add(new NameHit(k.entityId(), k.name(), k.kind(), new NameScore(1.0, MatchLevel.MATCH,
                                "the whole listed name '" + words + "' in a description" + MatchRule.suffix(d), d)));
                    } else if (k.kind() == NameKind.BRAND) {
                        int r = d | MatchRule.BRAND.bit();
                        hits.add(new NameHit(k.entityId(), k.name(), k.kind(), new NameScore(reviewScore,
                                MatchLevel.REVIEW, "brand '" + words + "' as whole words in a description: review at"
                                + " most" + MatchRule.suffix(r), r)));
                    } else {
                        int r = k.whole() ? d : d | MatchRule.LEGAL_FORM.bit();
                        hits.add(new NameHit(k.entityId(), k.name(), k.kind(), new NameScore(reviewScore,
                                MatchLevel.REVIEW, (k.whole() ? "the listed name '" : "the listed name without its legal"
                                + " form '") + words + "' in a description: review at most" + MatchRule.suffix(r), r)));
                    }
                }
            }
            prefixHits(tokens[i], reviewScore, d, hits);
        }
    }

    /** Keys that are the start (not the whole) of token t, the rest not an English ending. */
    private void prefixHits(String t, double reviewScore, int moreRules, List<NameHit> hits) {
        int max = Math.min(t.length() - 1, longestPrefix);
        if (max < MIN_PREFIX || !prefixStarts.containsKey(t.substring(0, MIN_PREFIX))) {
            return;
        }
        for (int len = MIN_PREFIX; len <= max; len++) {
            Key[] keys = byPrefix.get(t.substring(0, len));
            if (keys == null || ENGLISH_ENDINGS.contains(t.substring(len))) {
                continue;
            }
            for (Key k : keys) {
                int r = moreRules | MatchRule.BRAND_PREFIX.bit();
                hits.add(new NameHit(k.entityId(), k.name(), k.kind(), new NameScore(reviewScore, MatchLevel.REVIEW,
                        "brand '" + k.words()[0] + "' as the start of '" + t + "': review at most"
                                + MatchRule.suffix(r), r)));
            }
        }
    }

    static boolean startsAt(String[] words, int at, String[] key) {
        if (at + key.length > words.length) {
            return false;
        }
        for (int k = 0; k < key.length; k++) {
            if (!words[at + k].equals(key[k])) {
                return false;
            }
        }
        return true;
    }

    /** The keys of other entities; null when none is left. */
    private static Key[] without(Key[] keys, String entityId) {
        Key[] kept = Arrays.stream(keys).filter(k -> !k.entityId().equals(entityId)).toArray(Key[]::new);
        return kept.length == 0 ? null : kept.length == keys.length ? keys : kept;
    }
}
