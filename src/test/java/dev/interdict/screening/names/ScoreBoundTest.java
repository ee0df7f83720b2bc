package dev.interdict.screening.names;

import dev.interdict.bench.ListGenerator;
import dev.interdict.screening.RestrictedEntity;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The screening path rejects candidates early (a bound from the cells of both names, {@link NameScorer#unrelated} per
 * word pair): it must never drop a candidate that the full comparison, as {@code names --explain} runs it, scores
 * MATCH or REVIEW.
 */
class ScoreBoundTest {
    @Test
    void theEarlyRejectionsOfTheScreeningPathNeverDropACandidateTheFullComparisonFlags() {
        List<RestrictedEntity> list = new ListGenerator(77).entities(3_000);
        DefaultNameIndex index = new DefaultNameIndex(MatcherConfig.DEFAULT, false);
        for (RestrictedEntity e : list) {
            index.put(e.entityId(), e.allNames(), List.of());
        }
        Random r = new Random(5);
        List<String> queries = new ArrayList<>();
        for (int k = 0; k < 2_000; k++) {
            String name = list.get(r.nextInt(list.size())).allNames().get(0);
            queries.add(variant(r, name));
        }
        int compared = 0;
        int flagged = 0;
        for (String query : queries) {
            PreparedName q = new PreparedName(query);
            List<NameHit> hits = index.matchParty(query);
            for (ListedName l : index.candidates(q)) {
                NameScore full = index.score(query, l.name()); // the explaining path: no early rejection
                compared++;
                if (full.level() != MatchLevel.NO_MATCH) {
                    flagged++;
                    assertTrue(hits.stream().anyMatch(h -> h.entityId().equals(l.entityId())),
                            query + " vs " + l.name() + ": " + full);
                }
            }
        }
        assertTrue(compared > 5_000, "compared " + compared);
        assertTrue(flagged > 300, "flagged " + flagged);
        System.out.println("compared " + compared + ", flagged " + flagged);
    }

    /** The name, or a word dropped, a word added, a letter changed, upper case, or the words swapped. */
    private static String variant(Random r, String name) {
        String[] words = name.split(" ");
        switch (r.nextInt(6)) {
            case 0 -> {
                return name;
            }
            case 1 -> {
                if (words.length < 2) {
                    return name + " Trading";
                }
                int drop = r.nextInt(words.length);
                List<String> kept = new ArrayList<>(List.of(words));
                kept.remove(drop);
                return String.join(" ", kept);
            }
            case 2 -> {
                return name + " " + List.of("Marine", "Group", "Europe", "Holding", "Zarvosk").get(r.nextInt(5));
            }
            case 3 -> {
                int at = r.nextInt(name.length());
                return name.substring(0, at) + (char) ('a' + r.nextInt(26)) + name.substring(Math.min(name.length(), at + 1));
            }
            case 4 -> {
                return name.toUpperCase(Locale.ROOT);
            }
            default -> {
                List<String> w = new ArrayList<>(List.of(words));
                java.util.Collections.reverse(w);
                return String.join(" ", w);
            }
        }
    }

    @Test
    void aChineseLegalFormInItsCharactersIsTakenOffLikeItsEnglishForm() {
        PreparedName chinese = new PreparedName("华为技术有限公司");
        PreparedName english = new PreparedName("Hua Wei Ji Shu Co Ltd");
        assertEquals(String.join(" ", english.words), String.join(" ", chinese.words));
        assertEquals(1, chinese.forms.size());
    }
}
