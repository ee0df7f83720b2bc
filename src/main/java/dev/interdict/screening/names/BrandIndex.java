package dev.interdict.screening.names;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Listed brands, found as whole words in a text: each brand is filed under its first normalised word, and a text is
 * read word by word. One writer, many readers (copy-on-write arrays in a concurrent map).
 */
final class BrandIndex {
    /** One listed brand, as normalised words. */
    record Brand(String entityId, String name, String[] words) {
    }

    private final Map<String, Brand[]> byFirstWord = new ConcurrentHashMap<>();

    /** Files an entity's brands; returns them as filed, for {@link #remove}. */
    List<Brand> add(String entityId, Collection<String> brands) {
        List<Brand> filed = new ArrayList<>(brands.size());
        Map<String, List<Brand>> byWord = new LinkedHashMap<>();
        for (String b : brands) {
            String[] words = TextNormalizer.tokens(TextNormalizer.normalize(b));
            if (words.length == 0) {
                continue;
            }
            Brand brand = new Brand(entityId, b, words);
            filed.add(brand);
            byWord.computeIfAbsent(words[0], k -> new ArrayList<>(1)).add(brand);
        }
        byWord.forEach((word, list) -> byFirstWord.merge(word, list.toArray(Brand[]::new), BrandIndex::concat));
        return filed;
    }

    void remove(String entityId, Collection<Brand> brands) {
        Set<String> firstWords = new HashSet<>();
        for (Brand b : brands) {
            firstWords.add(b.words()[0]);
        }
        for (String word : firstWords) {
            byFirstWord.computeIfPresent(word, (k, arr) -> withoutEntity(arr, entityId));
        }
    }

    /** Adds a hit for every brand that occurs in the normalised words as whole words. */
    void find(String[] words, List<NameHit> hits) {
        for (int i = 0; i < words.length; i++) {
            Brand[] candidates = byFirstWord.get(words[i]);
            if (candidates == null) {
                continue;
            }
            for (Brand b : candidates) {
                if (TextScanIndex.startsAt(words, i, b.words())) {
                    hits.add(new NameHit(b.entityId(), b.name(), NameKind.BRAND, new NameScore(1.0, MatchLevel.MATCH,
                            "brand '" + b.name() + "' as whole words" + MatchRule.suffix(MatchRule.BRAND.bit()),
                            MatchRule.BRAND.bit())));
                }
            }
        }
    }

    /** The brands that occur in the text as whole words, in {@link DefaultNameIndex#HIT_ORDER}. */
    List<NameHit> find(String text) {
        List<NameHit> hits = new ArrayList<>(1);
        find(TextNormalizer.tokens(TextNormalizer.normalize(text)), hits);
        hits.sort(DefaultNameIndex.HIT_ORDER);
        return List.copyOf(hits);
    }

    /** a then b, in a new array. */
    static <T> T[] concat(T[] a, T[] b) {
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
