package dev.interdict.screening.names;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How distinctive each word is: an inverse document frequency over the listed names, smoothed with a background of
 * {@value #BACKGROUND} unrelated names so that a small list does not make every word look common; words that are
 * common in company names everywhere ("trading", "international", "group") weigh at most {@value #COMMON_WEIGHT}.
 */
final class TokenStats {
    static final int BACKGROUND = 1000;
    static final double COMMON_WEIGHT = 0.35;
    static final Set<String> COMMON = Set.of("trading", "trade", "traders", "company", "international", "intl",
            "group", "holding", "holdings", "industries", "industrial", "industry", "services", "service",
            "enterprises", "enterprise", "global", "general", "national", "investment", "investments", "import",
            "export", "logistics", "shipping", "development", "management", "technologies", "technology", "tech",
            "systems", "solutions", "products", "partners", "associates", "consulting", "factory", "plant", "works",
            "center", "centre", "commercial", "business", "foreign", "economic", "scientific", "research", "production",
            "manufacturing", "engineering", "bank", "and", "of", "for", "de", "la", "del", "des", "du", "le", "di", "da",
            "do", "van", "von", "al", "el", "y", "e", "et", "und", "i", "on", "in", "at", "to", "a", "an",
            "st", "new", "first", "union", "state", "federal", "joint", "venture", "trust", "fund", "capital",
            "finance", "financial", "energy", "oil", "gas", "petroleum", "marine", "maritime", "airlines", "air",
            "aviation", "transport", "construction", "electronics", "electronic", "software", "security", "labs", "lab");

    private final ConcurrentHashMap<String, AtomicInteger> df = new ConcurrentHashMap<>();
    private final AtomicInteger names = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();

    /** Changes whenever a weight may have changed. */
    long version() {
        return version.get();
    }

    void add(String[] words) {
        version.incrementAndGet();
        names.incrementAndGet();
        for (String w : distinct(words)) {
            df.computeIfAbsent(w, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    void remove(String[] words) {
        version.incrementAndGet();
        names.decrementAndGet();
        for (String w : distinct(words)) {
            AtomicInteger c = df.get(w);
            if (c != null && c.decrementAndGet() <= 0) {
                df.remove(w, c);
            }
        }
    }

    private static Set<String> distinct(String[] words) {
        return Set.of(java.util.Arrays.stream(words).distinct().toArray(String[]::new));
    }

    /** Weight in (0,1]: 1 for a word no listed name has. */
    double weight(String word) {
        AtomicInteger c = df.get(word);
        int n = Math.max(names.get(), 0) + BACKGROUND;
        double idf = Math.log((double) n / ((c == null ? 0 : c.get()) + 1)) / Math.log(n);
        idf = Math.max(0.05, Math.min(1.0, idf));
        return COMMON.contains(word) ? Math.min(idf, COMMON_WEIGHT) : idf;
    }

    int documentFrequency(String word) {
        AtomicInteger c = df.get(word);
        return c == null ? 0 : c.get();
    }
}
