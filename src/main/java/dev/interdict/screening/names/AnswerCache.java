package dev.interdict.screening.names;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Answers already given, per text, until the list changes: ERP streams name the same suppliers, makers and products
 * again and again. {@link #invalidate} (after every write to the index) replaces the maps with empty ones, so an
 * answer computed against the list as it was lands in a map no reader uses any more; a map is cleared when it holds
 * {@value #LIMIT} texts. The answers are the values themselves: a lookup is a chain of cache misses, and a wrapper
 * would add one. Disabled, every lookup is computed.
 */
final class AnswerCache {
    static final int LIMIT = 100_000;

    private final boolean enabled;
    private volatile Map<String, List<NameHit>> parties = new ConcurrentHashMap<>();
    private volatile Map<String, List<NameHit>> brands = new ConcurrentHashMap<>();
    private volatile Map<String, List<NameHit>> descriptions = new ConcurrentHashMap<>();

    AnswerCache(boolean enabled) {
        this.enabled = enabled;
    }

    void invalidate() {
        if (enabled) {
            parties = new ConcurrentHashMap<>();
            brands = new ConcurrentHashMap<>();
            descriptions = new ConcurrentHashMap<>();
        }
    }

    List<NameHit> party(String text, Function<String, List<NameHit>> compute) {
        return enabled ? cached(parties, text, compute) : compute.apply(text);
    }

    List<NameHit> brand(String text, Function<String, List<NameHit>> compute) {
        return enabled ? cached(brands, text, compute) : compute.apply(text);
    }

    /** Catalogue lines repeat their descriptions as ERP streams repeat their vendors. */
    List<NameHit> description(String text, Function<String, List<NameHit>> compute) {
        return enabled ? cached(descriptions, text, compute) : compute.apply(text);
    }

    private static List<NameHit> cached(Map<String, List<NameHit>> cache, String text,
                                        Function<String, List<NameHit>> compute) {
        List<NameHit> hits = cache.get(text);
        if (hits == null) {
            hits = compute.apply(text);
            if (cache.size() >= LIMIT) {
                cache.clear();
            }
            cache.put(text, hits);
        }
        return hits;
    }
}
