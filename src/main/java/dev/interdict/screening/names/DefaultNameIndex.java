package dev.interdict.screening.names;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The name index: listed names are prepared once at {@link #put} and filed under blocking keys — each word's
 * spelling-skeleton prefix and suffix (so that a typo at either end still finds it), short words whole, and the
 * whole name without spaces. A query looks up only its own keys, rarest first, skipping keys shared by more than
 * {@value #COMMON_POSTING} names once a rarer key has produced candidates; only those candidates are scored. So the
 * cost of a query depends on how many listed names resemble it, not on the size of the list.
 *
 * <p>One writer, many readers: postings are copy-on-write arrays in concurrent maps.
 */
final class DefaultNameIndex implements NameIndex {
    static final int KEY_CHARS = 4;
    static final int COMMON_POSTING = 200;

    /** One listed name or alias. */
    record Listed(String entityId, String name, NameKind kind, PreparedName prepared) {
    }

    /** One listed brand, as normalised words. */
    record Brand(String entityId, String name, String[] words) {
    }

    private record Entry(List<Listed> names, List<Brand> brands) {
    }

    /** Hits in an order that depends only on the list's content (never on load order): replays stay identical. */
    static final java.util.Comparator<NameHit> HIT_ORDER = java.util.Comparator.comparing(NameHit::entityId)
            .thenComparing(NameHit::kind).thenComparing(NameHit::matchedName);

    private final MatcherConfig config;
    private final TokenStats stats = new TokenStats();
    private final NameScorer scorer;
    private final Map<String, Entry> entities = new ConcurrentHashMap<>();
    private final Map<String, Listed[]> postings = new ConcurrentHashMap<>();
    private final Map<String, Brand[]> brandsByFirstWord = new ConcurrentHashMap<>();

    DefaultNameIndex(MatcherConfig config) {
        this.config = config;
        this.scorer = new NameScorer(config, stats);
    }

    MatcherConfig config() {
        return config;
    }

    @Override
    public synchronized void put(String entityId, List<String> names, Collection<String> brands) {
        remove(entityId);
        List<Listed> listed = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            if (n == null || n.isBlank()) {
                continue;
            }
            Listed l = new Listed(entityId, n, i == 0 ? NameKind.NAME : NameKind.ALIAS, new PreparedName(n));
            if (l.prepared().squashed.isEmpty()) {
                continue;
            }
            listed.add(l);
            stats.add(l.prepared().words);
            for (String key : keys(l.prepared())) {
                postings.merge(key, new Listed[] {l}, DefaultNameIndex::concat);
            }
        }
        List<Brand> brandList = new ArrayList<>(brands.size());
        for (String b : brands) {
            String[] words = TextNormalizer.tokens(TextNormalizer.normalize(b));
            if (words.length == 0) {
                continue;
            }
            Brand brand = new Brand(entityId, b, words);
            brandList.add(brand);
            brandsByFirstWord.merge(words[0], new Brand[] {brand}, DefaultNameIndex::concat);
        }
        entities.put(entityId, new Entry(List.copyOf(listed), List.copyOf(brandList)));
    }

    @Override
    public synchronized void remove(String entityId) {
        Entry e = entities.remove(entityId);
        if (e == null) {
            return;
        }
        for (Listed l : e.names()) {
            stats.remove(l.prepared().words);
            for (String key : keys(l.prepared())) {
                postings.computeIfPresent(key, (k, arr) -> without(arr, l));
            }
        }
        for (Brand b : e.brands()) {
            brandsByFirstWord.computeIfPresent(b.words()[0], (k, arr) -> without(arr, b));
        }
    }

    @Override
    public List<NameHit> matchParty(String text) {
        PreparedName q = new PreparedName(text);
        if (q.squashed.isEmpty()) {
            return List.of();
        }
        List<NameHit> hits = new ArrayList<>(2);
        for (Listed l : candidates(q)) {
            NameScore s = scorer.score(q, l.prepared());
            if (s.level() != MatchLevel.NO_MATCH) {
                hits.add(new NameHit(l.entityId(), l.name(), l.kind(), s));
            }
        }
        hits.sort(HIT_ORDER);
        return hits;
    }

    /** The listed names that share a blocking key with the query, rarest keys first. */
    Collection<Listed> candidates(PreparedName q) {
        List<String> keys = keys(q);
        List<Listed[]> lists = new ArrayList<>(keys.size());
        for (String k : keys) {
            Listed[] p = postings.get(k);
            if (p != null) {
                lists.add(p);
            }
        }
        if (lists.isEmpty()) {
            return List.of();
        }
        lists.sort((a, b) -> Integer.compare(a.length, b.length));
        Set<Listed> out = new HashSet<>();
        for (Listed[] p : lists) {
            if (p.length > COMMON_POSTING && !out.isEmpty()) {
                break; // a common key: the rarer keys already found what can match
            }
            out.addAll(Arrays.asList(p));
        }
        return out;
    }

    /** Blocking keys of a name. */
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
        }
        return keys;
    }

    @Override
    public List<NameHit> matchBrands(String text) {
        String[] words = TextNormalizer.tokens(TextNormalizer.normalize(text));
        List<NameHit> hits = new ArrayList<>(1);
        for (int i = 0; i < words.length; i++) {
            Brand[] candidates = brandsByFirstWord.get(words[i]);
            if (candidates == null) {
                continue;
            }
            for (Brand b : candidates) {
                if (startsAt(words, i, b.words())) {
                    hits.add(new NameHit(b.entityId(), b.name(), NameKind.BRAND,
                            new NameScore(1.0, MatchLevel.MATCH, "brand '" + b.name() + "' as whole words")));
                }
            }
        }
        hits.sort(HIT_ORDER);
        return hits;
    }

    private static boolean startsAt(String[] words, int at, String[] brand) {
        if (at + brand.length > words.length) {
            return false;
        }
        for (int k = 0; k < brand.length; k++) {
            if (!words[at + k].equals(brand[k])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public NameScore score(String query, String candidate) {
        return scorer.score(new PreparedName(query), new PreparedName(candidate));
    }

    @Override
    public int size() {
        return entities.size();
    }

    /** Words and weights, for explanations and tests. */
    Map<String, Double> weights(String name) {
        Map<String, Double> m = new HashMap<>();
        for (String w : new PreparedName(name).words) {
            m.put(w, stats.weight(w));
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private static <T> T[] concat(T[] a, T[] b) {
        T[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static <T> T[] without(T[] arr, T item) {
        int n = 0;
        for (T t : arr) {
            if (t != item) {
                n++;
            }
        }
        if (n == 0) {
            return null; // removes the key
        }
        T[] out = Arrays.copyOf(arr, n);
        int k = 0;
        for (T t : arr) {
            if (t != item) {
                out[k++] = t;
            }
        }
        return out;
    }
}
