package dev.interdict.screening.names;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
    static final double MIN_SHARE = 0.5;
    static final int MAX_CANDIDATES = 32;

    /** One listed name or alias. */
    record Listed(int id, String entityId, String name, NameKind kind, PreparedName prepared) {
    }

    /** Per-thread accumulators for candidate selection: no map, no allocation per query. */
    private static final class Scratch {
        double[] weight = new double[1024];
        int[] touched = new int[256];
        Listed[] byId = new Listed[0];
    }

    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);
    private int nextId;
    /**
     * One String object per distinct token, word, skeleton and stem of the listed names (writer only). A million
     * listed names hold some ten million such strings, most of them repeats of a smaller vocabulary (legal forms,
     * generic words, common given and family names): shared, they cost a fraction of the heap. Cleared when it holds
     * many more strings than there are keys (words of removed names); clearing only loses sharing, never a match.
     */
    private final Map<String, String> canonical = new HashMap<>();

    /** One listed brand, as normalised words. */
    record Brand(String entityId, String name, String[] words) {
    }

    private record Entry(List<Listed> names, List<Brand> brands) {
    }

    /**
     * The listed names filed under one key: their ids in a flat array (a query adds weights by id, and reading an id
     * from a Listed object costs a cache miss per entry of a long posting) and the names in the same order; only the
     * first {@code size} entries of both arrays belong to this posting.
     *
     * <p>Appending writes into spare capacity past {@code size} and publishes a new Posting over the same arrays: no
     * published posting reads those slots, so readers of the old one are undisturbed; the arrays grow by half when
     * full. (Copying the whole posting on every append was quadratic in the names sharing a key: a generated list of
     * 500,000 entities spent most of its build copying the postings of common keys.)
     */
    record Posting(int[] ids, Listed[] names, int size) {
        static Posting of(List<Listed> names) {
            int[] ids = new int[names.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = names.get(i).id();
            }
            return new Posting(ids, names.toArray(Listed[]::new), ids.length);
        }

        /** This posting with {@code b}'s names after its own (b is new, exact size): amortised O(b.size). */
        static Posting concat(Posting a, Posting b) {
            int needed = a.size + b.size;
            int[] ids = a.ids;
            Listed[] names = a.names;
            if (needed > ids.length) {
                int capacity = needed <= 4 ? needed : Math.max(needed, a.size + (a.size >> 1));
                ids = Arrays.copyOf(a.ids, capacity);
                names = Arrays.copyOf(a.names, capacity);
            }
            System.arraycopy(b.ids, 0, ids, a.size, b.size);
            System.arraycopy(b.names, 0, names, a.size, b.size);
            return new Posting(ids, names, needed);
        }

        /** This posting without the names of one entity; null (the key is removed) when no other name is left. */
        Posting withoutEntity(String entityId) {
            List<Listed> kept = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                if (!names[i].entityId().equals(entityId)) {
                    kept.add(names[i]);
                }
            }
            return kept.isEmpty() ? null : kept.size() == size ? this : of(kept);
        }
    }

    /** Hits in an order that depends only on the list's content (never on load order): replays stay identical. */
    static final java.util.Comparator<NameHit> HIT_ORDER = java.util.Comparator.comparing(NameHit::entityId)
            .thenComparing(NameHit::kind).thenComparing(NameHit::matchedName);

    private final MatcherConfig config;
    private final TokenStats stats = new TokenStats();
    private final NameScorer scorer;
    private final Map<String, Entry> entities = new ConcurrentHashMap<>();
    private final Map<String, Posting> postings = new ConcurrentHashMap<>();
    private final Map<String, Brand[]> brandsByFirstWord = new ConcurrentHashMap<>();

    /**
     * Answers already given, per text, until the list changes: ERP streams name the same suppliers, makers and
     * products again and again. Every put/remove ends by replacing both maps with empty ones (so an answer computed
     * against the list as it was lands in a map no reader uses any more); cleared when one holds
     * {@value #CACHE_LIMIT} texts. The answers are the values themselves: a lookup is a chain of cache misses, and a
     * wrapper would add one.
     */
    private volatile Map<String, List<NameHit>> partyCache = new ConcurrentHashMap<>();
    private volatile Map<String, List<NameHit>> brandCache = new ConcurrentHashMap<>();
    private final boolean caching;
    static final int CACHE_LIMIT = 100_000;

    DefaultNameIndex(MatcherConfig config) {
        this(config, true);
    }

    DefaultNameIndex(MatcherConfig config, boolean caching) {
        this.config = config;
        this.scorer = new NameScorer(config, stats);
        this.caching = caching;
    }

    /** After every write: answers given before or during it are never given again. */
    private void endWrite() {
        partyCache = new ConcurrentHashMap<>();
        brandCache = new ConcurrentHashMap<>();
    }

    private static List<NameHit> cached(Map<String, List<NameHit>> cache, String text,
                                        java.util.function.Function<String, List<NameHit>> compute) {
        List<NameHit> hits = cache.get(text);
        if (hits == null) {
            hits = compute.apply(text);
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            cache.put(text, hits);
        }
        return hits;
    }

    MatcherConfig config() {
        return config;
    }

    @Override
    public synchronized void put(String entityId, List<String> names, Collection<String> brands) {
        try {
            putNames(entityId, names, brands);
        } finally {
            endWrite();
        }
    }

    /**
     * Files every name of the entity, then adds to each posting once: a posting copied once per name was quadratic
     * in the names sharing a key (50k aliases of one entity: 24 s and 4 GB of garbage).
     */
    private void putNames(String entityId, List<String> names, Collection<String> brands) {
        removeNames(entityId);
        List<Listed> listed = new ArrayList<>(names.size());
        Map<String, List<Listed>> byKey = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            if (n == null || n.isBlank()) {
                continue;
            }
            PreparedName prepared = new PreparedName(n);
            if (prepared.squashed.isEmpty()) {
                continue;
            }
            share(prepared);
            Listed l = new Listed(nextId++, entityId, n, i == 0 ? NameKind.NAME : NameKind.ALIAS, prepared);
            listed.add(l);
            stats.add(l.prepared().words);
            for (String key : keys(l.prepared())) {
                byKey.computeIfAbsent(key, k -> new ArrayList<>(1)).add(l);
            }
        }
        byKey.forEach((key, list) -> postings.merge(key, Posting.of(list), Posting::concat));
        List<Brand> brandList = new ArrayList<>(brands.size());
        Map<String, List<Brand>> byFirstWord = new LinkedHashMap<>();
        for (String b : brands) {
            String[] words = TextNormalizer.tokens(TextNormalizer.normalize(b));
            if (words.length == 0) {
                continue;
            }
            Brand brand = new Brand(entityId, b, words);
            brandList.add(brand);
            byFirstWord.computeIfAbsent(words[0], k -> new ArrayList<>(1)).add(brand);
        }
        byFirstWord.forEach((word, list) -> brandsByFirstWord.merge(word, list.toArray(Brand[]::new),
                DefaultNameIndex::concat));
        entities.put(entityId, new Entry(List.copyOf(listed), List.copyOf(brandList)));
    }

    /** Replaces the strings of a listed name (not yet published) by the equal ones already held. */
    private void share(PreparedName p) {
        if (canonical.size() > 4 * postings.size() + 100_000) {
            canonical.clear();
        }
        share(p.tokens);
        share(p.words);
        share(p.skeletons);
        share(p.stems);
    }

    private void share(String[] strings) {
        for (int i = 0; i < strings.length; i++) {
            String held = canonical.putIfAbsent(strings[i], strings[i]);
            if (held != null) {
                strings[i] = held;
            }
        }
    }

    @Override
    public synchronized void remove(String entityId) {
        try {
            removeNames(entityId);
        } finally {
            endWrite();
        }
    }

    private void removeNames(String entityId) {
        Entry e = entities.remove(entityId);
        if (e == null) {
            return;
        }
        Set<String> keys = new HashSet<>();
        for (Listed l : e.names()) {
            stats.remove(l.prepared().words);
            keys.addAll(keys(l.prepared()));
        }
        for (String key : keys) {
            postings.computeIfPresent(key, (k, posting) -> posting.withoutEntity(entityId));
        }
        Set<String> firstWords = new HashSet<>();
        for (Brand b : e.brands()) {
            firstWords.add(b.words()[0]);
        }
        for (String word : firstWords) {
            brandsByFirstWord.computeIfPresent(word, (k, arr) -> withoutEntity(arr, entityId));
        }
    }

    @Override
    public List<NameHit> matchParty(String text) {
        return caching ? cached(partyCache, text, this::findParty) : findParty(text);
    }

    private List<NameHit> findParty(String text) {
        List<NameHit> hits = new ArrayList<>(2);
        findParty(text, hits);
        List<String> parts = VendorNoise.parts(TextNormalizer.screened(text));
        if (!parts.isEmpty()) {
            for (String part : parts) {
                findParty(part, hits);
            }
            hits = bestPerName(hits);
        }
        hits.sort(HIT_ORDER);
        return List.copyOf(hits);
    }

    private void findParty(String text, List<NameHit> hits) {
        PreparedName q = new PreparedName(text);
        if (q.squashed.isEmpty()) {
            return;
        }
        for (Listed l : candidates(q)) {
            NameScore s = scorer.score(q, l.prepared(), false);
            if (s != null) {
                hits.add(new NameHit(l.entityId(), l.name(), l.kind(), s));
            }
        }
    }

    /** One hit per listed name: the best (MATCH over REVIEW, then the higher score). */
    private static List<NameHit> bestPerName(List<NameHit> hits) {
        Map<String, NameHit> best = new LinkedHashMap<>();
        for (NameHit h : hits) {
            best.merge(h.entityId() + '\u0000' + h.kind() + '\u0000' + h.matchedName(), h,
                    (a, b) -> better(b.score(), a.score()) ? b : a);
        }
        return new ArrayList<>(best.values());
    }

    private static boolean better(NameScore a, NameScore b) {
        if (a.level() != b.level()) {
            return a.level() == MatchLevel.MATCH || b.level() == MatchLevel.NO_MATCH;
        }
        return a.score() > b.score();
    }

    /**
     * The listed names worth scoring: each shared blocking key adds its rarity (log of list size over posting
     * size) to a candidate; keys shared by more than {@value #COMMON_POSTING} names are ignored unless the query has
     * no other key. Only candidates holding at least {@value #MIN_SHARE} of the best candidate's weight, at most
     * {@value #MAX_CANDIDATES} of them, are scored in full.
     */
    Collection<Listed> candidates(PreparedName q) {
        List<String> keys = keys(q);
        boolean[] weak = weakKeys(q, keys);
        int total = Math.max(postings.size(), 1);
        Posting[] lists = new Posting[keys.size()];
        boolean[] listWeak = new boolean[keys.size()];
        int found = 0;
        int rare = 0;
        boolean distinctive = false;
        for (String w : q.words) {
            distinctive |= !TokenStats.COMMON.contains(w);
        }
        for (int i = 0; i < keys.size(); i++) {
            Posting p = postings.get(keys.get(i));
            if (p != null) {
                listWeak[found] = weak[i];
                lists[found++] = p;
                if (p.size() <= COMMON_POSTING) {
                    rare++;
                }
            }
        }
        if (found == 0) {
            return List.of();
        }
        Scratch sc = scratch.get();
        int touchedCount = 0;
        double best = 0;
        for (int i = 0; i < found; i++) {
            Posting p = lists[i];
            if ((rare > 0 && p.size() > COMMON_POSTING) || (distinctive && listWeak[i])) {
                continue; // a common key, or the key of a common word in a name that has a distinctive word
            }
            double w = Math.log(1.0 + (double) total / p.size());
            int[] ids = p.ids();
            for (int k = 0, n = p.size(); k < n; k++) {
                int id = ids[k];
                if (id >= sc.weight.length) {
                    sc.weight = Arrays.copyOf(sc.weight, Math.max(id + 1, sc.weight.length * 2));
                }
                if (sc.weight[id] == 0) {
                    if (touchedCount == sc.touched.length) {
                        sc.touched = Arrays.copyOf(sc.touched, touchedCount * 2);
                        sc.byId = Arrays.copyOf(sc.byId, touchedCount * 2);
                    }
                    if (sc.byId.length < sc.touched.length) {
                        sc.byId = Arrays.copyOf(sc.byId, sc.touched.length);
                    }
                    sc.touched[touchedCount] = id;
                    sc.byId[touchedCount] = p.names()[k];
                    touchedCount++;
                }
                sc.weight[id] += w;
                best = Math.max(best, sc.weight[id]);
            }
        }
        double floor = touchedCount <= MAX_CANDIDATES / 2 ? 0 : best * MIN_SHARE;
        List<Listed> out = new ArrayList<>(Math.min(touchedCount, MAX_CANDIDATES));
        for (int t = 0; t < touchedCount; t++) {
            int id = sc.touched[t];
            if (sc.weight[id] >= floor) {
                out.add(sc.byId[t]);
            }
        }
        if (out.size() > MAX_CANDIDATES) {
            // best first; ties by content, never by load order, so every instance keeps the same candidates
            out.sort((a, b) -> {
                int c = Double.compare(sc.weight[b.id()], sc.weight[a.id()]);
                if (c == 0) {
                    c = a.entityId().compareTo(b.entityId());
                }
                return c != 0 ? c : a.name().compareTo(b.name());
            });
            out = new ArrayList<>(out.subList(0, MAX_CANDIDATES));
        }
        for (int t = 0; t < touchedCount; t++) {
            sc.weight[sc.touched[t]] = 0;
            sc.byId[t] = null;
        }
        return out;
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

    @Override
    public List<NameHit> matchBrands(String text) {
        return caching ? cached(brandCache, text, this::findBrands) : findBrands(text);
    }

    private List<NameHit> findBrands(String text) {
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
        return List.copyOf(hits);
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
        PreparedName c = new PreparedName(candidate);
        NameScore best = scorer.score(new PreparedName(query), c, true);
        for (String part : VendorNoise.parts(TextNormalizer.screened(query))) {
            NameScore s = scorer.score(new PreparedName(part), c, true);
            if (better(s, best)) {
                best = new NameScore(s.score(), s.level(), "part '" + part + "' of a vendor-master name: "
                        + s.explanation());
            }
        }
        return best;
    }

    @Override
    public int size() {
        return entities.size();
    }

    @Override
    public int nameCount(String entityId) {
        Entry e = entities.get(entityId);
        return e == null ? 0 : e.names().size();
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

    /** The brands of other entities; null (the key is removed) when none is left. */
    private static Brand[] withoutEntity(Brand[] brands, String entityId) {
        Brand[] kept = Arrays.stream(brands).filter(b -> !b.entityId().equals(entityId)).toArray(Brand[]::new);
        return kept.length == 0 ? null : kept.length == brands.length ? brands : kept;
    }
}
