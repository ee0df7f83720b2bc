package dev.interdict.screening.names;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;


/**
 * The name index, a short coordinator of four parts: {@link NamePostings} files each listed name under its
 * {@link BlockingKeys}; a query meets only the names sharing its keys, of which {@link CandidateSelector} keeps the
 * few worth scoring; {@link NameScorer} scores those pairs; {@link BrandIndex} finds listed brands as whole words; and
 * {@link AnswerCache} keeps each text's answer until the list changes. So the cost of a query depends on how many
 * listed names resemble it, not on the size of the list.
 *
 * <p>One writer, many readers: every part publishes immutable views through concurrent maps.
 */
final class DefaultNameIndex implements NameIndex {
    /** Hits in an order that depends only on the list's content (never on load order): replays stay identical. */
    static final Comparator<NameHit> HIT_ORDER = Comparator.comparing(NameHit::entityId)
            .thenComparing(NameHit::kind).thenComparing(NameHit::matchedName);

    private record Entry(List<ListedName> names, List<BrandIndex.Brand> brands) {
    }

    private final MatcherConfig config;
    private final TokenStats stats = new TokenStats();
    private final NameScorer scorer;
    private final Map<String, Entry> entities = new ConcurrentHashMap<>();
    private final NamePostings postings = new NamePostings();
    private final CandidateSelector selector = new CandidateSelector(postings);
    private final BrandIndex brands = new BrandIndex();
    private final AnswerCache answers;
    /** Names and brands for descriptions and brands as the start of a word. */
    private final TextScanIndex scan = new TextScanIndex();
    /** Ids of removed names, given again before new ones: ids (and the per-thread arrays indexed by them) stay as
     * small as the number of names held, however often entities are replaced. */
    private int[] freeIds = new int[16];
    private int freeCount;
    private int nextId;

    DefaultNameIndex(MatcherConfig config) {
        this(config, true);
    }

    DefaultNameIndex(MatcherConfig config, boolean caching) {
        this.config = config;
        this.scorer = new NameScorer(config, stats);
        this.answers = new AnswerCache(caching);
    }

    MatcherConfig config() {
        return config;
    }

    @Override
    public synchronized void put(String entityId, List<String> names, Collection<String> brandNames) {
        try {
            removeNames(entityId);
            List<ListedName> listed = new ArrayList<>(names.size());
            for (int i = 0; i < names.size(); i++) {
                String n = names.get(i);
                if (n == null || n.isBlank()) {
                    continue;
                }
                PreparedName prepared = new PreparedName(n);
                if (prepared.squashed.isEmpty()) {
                    continue;
                }
                ListedName l = new ListedName(newId(), entityId, n, i == 0 ? NameKind.NAME : NameKind.ALIAS, prepared);
                listed.add(l);
                stats.add(prepared.words);
            }
            postings.add(listed);
            List<BrandIndex.Brand> filed = brands.add(entityId, brandNames);
            entities.put(entityId, new Entry(List.copyOf(listed), List.copyOf(filed)));
            scan.put(entityId, listed, filed);
        } finally {
            answers.invalidate();
        }
    }

    @Override
    public synchronized void remove(String entityId) {
        try {
            removeNames(entityId);
        } finally {
            answers.invalidate();
        }
    }

    private void removeNames(String entityId) {
        scan.remove(entityId);
        Entry e = entities.remove(entityId);
        if (e == null) {
            return;
        }
        postings.remove(entityId, e.names());
        brands.remove(entityId, e.brands());
        for (ListedName l : e.names()) {
            stats.remove(l.prepared().words);
            if (freeCount == freeIds.length) {
                freeIds = Arrays.copyOf(freeIds, freeCount * 2);
            }
            freeIds[freeCount++] = l.id(); // given again by a later put, never during this one's removal
        }
    }

    private int newId() {
        return freeCount > 0 ? freeIds[--freeCount] : nextId++;
    }

    @Override
    public List<NameHit> matchParty(String text) {
        return answers.party(text, this::findParty);
    }

    @Override
    public List<NameHit> matchBrands(String text) {
        return answers.brand(text, this::findBrands);
    }

    private List<NameHit> findBrands(String text) {
        String[] words = TextNormalizer.tokens(TextNormalizer.normalize(text));
        List<NameHit> hits = new ArrayList<>(1);
        brands.find(words, hits);
        scan.brandPrefixes(words, config.reviewThreshold(), hits);
        if (hits.size() > 1) {
            hits = bestPerName(hits);
        }
        hits.sort(HIT_ORDER);
        return List.copyOf(hits);
    }

    @Override
    public List<NameHit> matchDescription(String text) {
        return answers.description(text, this::findInDescription);
    }

    private List<NameHit> findInDescription(String text) {
        String cut = TextNormalizer.description(text);
        if (cut == null || cut.isBlank()) {
            return List.of();
        }
        List<NameHit> hits = new ArrayList<>(1);
        scan.description(PreparedName.tokensOf(TextNormalizer.normalize(cut), new int[1]), config.reviewThreshold(),
                hits);
        if (hits.isEmpty()) {
            return List.of();
        }
        hits = bestPerName(hits);
        hits.sort(HIT_ORDER);
        return List.copyOf(hits);
    }

    /** A score found for one part of a vendor-master name: rule VENDOR_NOISE added. */
    static NameScore vendorPart(String part, NameScore s) {
        return NameScore.explainedLater(s.score(), s.level(), () -> vendorPartExplained(part, s));
    }

    private static NameScore vendorPartExplained(String part, NameScore s) {
        int rules = s.rules() | MatchRule.VENDOR_NOISE.bit();
        String why = s.explanation();
        if (why != null) {
            int at = why.lastIndexOf("; rules: ");
            why = "part '" + part + "' of a vendor-master name: " + (at >= 0 ? why.substring(0, at) : why)
                    + MatchRule.suffix(rules);
        }
        return new NameScore(s.score(), s.level(), why, rules);
    }

    private List<NameHit> findParty(String text) {
        List<NameHit> hits = new ArrayList<>(2);
        findParty(text, hits);
        List<String> parts = VendorNoise.parts(TextNormalizer.screened(text));
        if (!parts.isEmpty()) {
            for (String part : parts) {
                int from = hits.size();
                findParty(part, hits);
                for (int i = from; i < hits.size(); i++) {
                    NameHit h = hits.get(i);
                    hits.set(i, new NameHit(h.entityId(), h.matchedName(), h.kind(), vendorPart(part, h.score())));
                }
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
        for (ListedName l : selector.candidates(q)) {
            NameScore s = scorer.score(q, l.prepared(), false);
            if (s != null) {
                hits.add(new NameHit(l.entityId(), l.name(), l.kind(), s));
            }
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here: a text whose blocking keys include none of the entities' names' keys cannot have one of those names as
     * a candidate, so it is answered without candidate selection or scoring; otherwise only the candidates of those
     * entities are scored (the text's vendor-master parts too, as {@link #matchParty} does). The keys are taken when
     * the probe is made: an entity changed again after that is a later change, probed by a later job.
     */
    @Override
    public java.util.function.Predicate<String> partyProbe(java.util.Set<String> entityIds) {
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (String id : entityIds) {
            Entry e = entities.get(id);
            if (e != null) {
                for (ListedName l : e.names()) {
                    keys.addAll(BlockingKeys.keys(l.prepared()));
                }
            }
        }
        if (keys.isEmpty()) {
            return text -> false;
        }
        return text -> {
            if (probe(text, entityIds, keys)) {
                return true;
            }
            for (String part : VendorNoise.parts(TextNormalizer.screened(text))) {
                if (probe(part, entityIds, keys)) {
                    return true;
                }
            }
            return false;
        };
    }

    private boolean probe(String text, java.util.Set<String> entityIds, java.util.Set<String> keys) {
        PreparedName q = new PreparedName(text);
        if (q.squashed.isEmpty()) {
            return false;
        }
        boolean shares = false;
        for (String key : BlockingKeys.keys(q)) {
            if (keys.contains(key)) {
                shares = true;
                break;
            }
        }
        if (!shares) {
            return false;
        }
        for (ListedName l : selector.candidates(q)) {
            if (entityIds.contains(l.entityId()) && scorer.score(q, l.prepared(), false) != null) {
                return true;
            }
        }
        return false;
    }

    /** The candidates a query would be scored against (for probes and tests). */
    List<ListedName> candidates(PreparedName q) {
        return selector.candidates(q);
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

    @Override
    public NameScore score(String query, String candidate) {
        PreparedName c = new PreparedName(candidate);
        NameScore best = scorer.score(new PreparedName(query), c, true);
        for (String part : VendorNoise.parts(TextNormalizer.screened(query))) {
            NameScore s = scorer.score(new PreparedName(part), c, true);
            if (better(s, best)) {
                best = vendorPart(part, s);
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
}
