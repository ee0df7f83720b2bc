package dev.interdict.screening.names;

import dev.interdict.testutil.Shared;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pairs of shared/cases/name-categories.tsv (kinds of variation real ERP and list data show), scored as
 * {@code interdict names --pairs} scores them: each category must reach its minimum number of right answers.
 */
class NameCategoriesTest {
    /** Right answers required per category (the file holds this many pairs of each kind). */
    static final Map<String, Integer> MINIMUM = Map.ofEntries(
            Map.entry("acronym", 6), Map.entry("numbers", 6), Map.entry("abbreviation", 7),
            Map.entry("word-order", 2), Map.entry("legal-form-language", 13), Map.entry("legal-form-typo", 4),
            Map.entry("truncation", 4), Map.entry("cross-script-morphology", 6), Map.entry("distinctive-typo", 7),
            Map.entry("extra-word", 5), Map.entry("short-and-long", 3), Map.entry("spacing", 4));

    static boolean right(String expected, MatchLevel level) {
        return switch (expected) {
            case "MATCH" -> level == MatchLevel.MATCH;
            case "FLAG" -> level != MatchLevel.NO_MATCH;
            case "NOT_MATCH" -> level != MatchLevel.MATCH;
            case "NO_MATCH" -> level == MatchLevel.NO_MATCH;
            default -> throw new IllegalArgumentException("unknown label " + expected);
        };
    }

    @Test
    void everyCategoryOfNameVariationReachesItsMinimumOfRightAnswers() throws IOException {
        NameIndex index = NameIndexes.newIndex(MatcherConfig.DEFAULT);
        Map<String, int[]> counts = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        for (String line : Files.readAllLines(Shared.file("cases/name-categories.tsv"))) {
            String[] c = line.split("\t", -1);
            if (c.length < 4 || c[0].equals("category")) {
                continue;
            }
            NameScore s = index.score(c[1], c[2]);
            int[] n = counts.computeIfAbsent(c[0], k -> new int[2]);
            n[1]++;
            if (right(c[3], s.level())) {
                n[0]++;
            } else {
                wrong.add(c[0] + ": " + c[1] + " | " + c[2] + " expected " + c[3] + ", got " + s);
            }
        }
        assertEquals(MINIMUM.keySet(), counts.keySet(), "categories of the file");
        StringBuilder table = new StringBuilder();
        counts.forEach((k, v) -> table.append(k).append(' ').append(v[0]).append('/').append(v[1]).append('\n'));
        for (var e : MINIMUM.entrySet()) {
            assertTrue(counts.get(e.getKey())[0] >= e.getValue(),
                    () -> "category " + e.getKey() + " below its minimum " + e.getValue() + "\n" + table
                            + String.join("\n", wrong));
        }
    }
}
