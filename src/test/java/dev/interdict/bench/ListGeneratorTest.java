package dev.interdict.bench;

import dev.interdict.screening.RestrictedEntity;
import dev.interdict.screening.ScreeningEvent;
import dev.interdict.screening.Screener;
import dev.interdict.screening.Verdict;
import org.junit.jupiter.api.Test;

import java.lang.Character.UnicodeScript;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListGeneratorTest {
    private static final int N = 5_000;

    @Test
    void sameSeedSameListOtherSeedOtherList() {
        List<RestrictedEntity> a = new ListGenerator(7).entities(N);
        assertEquals(a, new ListGenerator(7).entities(N));
        assertEquals(a.subList(0, 100), new ListGenerator(7).entities(100), "a shorter list is a prefix");
        assertNotEquals(a.get(0).name(), new ListGenerator(8).entities(1).get(0).name());
        assertEquals(new ListGenerator(7).events(a, 500, 10), new ListGenerator(7).events(a, 500, 10));
    }

    @Test
    void realisticShape() {
        List<RestrictedEntity> list = new ListGenerator(42).entities(N);
        Set<String> names = new HashSet<>();
        int total = 0;
        Set<UnicodeScript> scripts = EnumSet.noneOf(UnicodeScript.class);
        Map<String, Integer> wordCounts = new HashMap<>();
        Set<String> ids = new HashSet<>();
        for (RestrictedEntity e : list) {
            assertTrue(ids.add(e.entityId()));
            assertTrue(!e.restrictions().isEmpty());
            for (String n : e.allNames()) {
                total++;
                names.add(n.toLowerCase(Locale.ROOT));
                scripts.add(UnicodeScript.of(n.codePointAt(n.length() - 1) == '»' ? n.codePointAt(n.length() - 2)
                        : n.codePointAt(0)));
                for (String w : n.toLowerCase(Locale.ROOT).split("[\\s,.«»-]+")) {
                    wordCounts.merge(w, 1, Integer::sum);
                }
            }
        }
        assertEquals(total, names.size(), "names are distinct");
        double perEntity = (double) total / N;
        assertTrue(perEntity > 1.8 && perEntity < 2.2, "about two names per entity: " + perEntity);
        assertTrue(scripts.containsAll(Set.of(UnicodeScript.LATIN, UnicodeScript.CYRILLIC, UnicodeScript.ARABIC,
                UnicodeScript.HAN, UnicodeScript.GREEK)), "scripts: " + scripts);
        // Zipf-like: a large vocabulary, most words rare, a few common
        long once = wordCounts.values().stream().filter(c -> c == 1).count();
        assertTrue(wordCounts.size() > total / 2, "vocabulary " + wordCounts.size() + " for " + total + " names");
        assertTrue(once > wordCounts.size() / 2, "most words are rare: " + once + " of " + wordCounts.size());
        int common = total / 50;
        assertTrue(wordCounts.values().stream().anyMatch(c -> c > common), "some words are common");
        assertTrue(names.stream().anyMatch(n -> n.endsWith(" llc") || n.endsWith(" gmbh")), "legal forms");
    }

    @Test
    void eventsHitListedEntitiesAndCleanOnesMostlyDoNot() {
        List<RestrictedEntity> list = new ListGenerator(3).entities(2_000);
        Screener screener = new Screener();
        screener.upsertAll(list);
        List<ScreeningEvent> events = new ListGenerator(3).events(list, 400, 20);
        int flagged = 0;
        for (ScreeningEvent e : events) {
            if (screener.screen(e).verdict() != Verdict.CLEAR) {
                flagged++;
            }
        }
        assertTrue(flagged > 400 * 10 / 100 && flagged < 400 * 60 / 100, "flagged " + flagged + " of 400");
    }
}
