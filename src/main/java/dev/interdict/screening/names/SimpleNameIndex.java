package dev.interdict.screening.names;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Placeholder: exact match after lower-casing and stripping punctuation. Replaced by the real matcher. */
final class SimpleNameIndex implements NameIndex {
    private record Entry(List<String> names, Collection<String> brands) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    SimpleNameIndex(MatcherConfig config) {
    }

    static String norm(String s) {
        String d = Normalizer.normalize(s, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        return d.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
    }

    @Override
    public void put(String entityId, List<String> names, Collection<String> brands) {
        entries.put(entityId, new Entry(List.copyOf(names), List.copyOf(brands)));
    }

    @Override
    public void remove(String entityId) {
        entries.remove(entityId);
    }

    @Override
    public List<NameHit> matchParty(String text) {
        List<NameHit> hits = new ArrayList<>();
        entries.forEach((id, e) -> {
            for (int i = 0; i < e.names().size(); i++) {
                NameScore s = score(text, e.names().get(i));
                if (s.level() != MatchLevel.NO_MATCH) {
                    hits.add(new NameHit(id, e.names().get(i), i == 0 ? NameKind.NAME : NameKind.ALIAS, s));
                }
            }
        });
        return hits;
    }

    @Override
    public List<NameHit> matchBrands(String text) {
        String t = " " + norm(text) + " ";
        List<NameHit> hits = new ArrayList<>();
        entries.forEach((id, e) -> {
            for (String b : e.brands()) {
                if (t.contains(" " + norm(b) + " ")) {
                    hits.add(new NameHit(id, b, NameKind.BRAND, new NameScore(1.0, MatchLevel.MATCH, "brand")));
                }
            }
        });
        return hits;
    }

    @Override
    public NameScore score(String query, String candidate) {
        return norm(query).equals(norm(candidate)) ? new NameScore(1.0, MatchLevel.MATCH, "exact") : NameScore.NONE;
    }

    @Override
    public int size() {
        return entries.size();
    }
}
