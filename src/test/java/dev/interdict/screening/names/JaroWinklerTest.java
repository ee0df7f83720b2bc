package dev.interdict.screening.names;

import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JaroWinklerTest {
    /** Words and their typos, transpositions, truncations and unrelated words: pairs on both sides of the floor. */
    static List<String[]> pairs() {
        SplittableRandom rnd = new SplittableRandom(7);
        String alphabet = "aeioubcdfghklmnprstvz0123456789";
        List<String[]> pairs = new ArrayList<>();
        for (int n = 0; n < 20_000; n++) {
            int len = 1 + rnd.nextInt(14);
            StringBuilder w = new StringBuilder();
            for (int i = 0; i < len; i++) {
                w.append(alphabet.charAt(rnd.nextInt(n % 3 == 0 ? 6 : alphabet.length())));
            }
            StringBuilder v = new StringBuilder(w);
            int edits = rnd.nextInt(4);
            for (int e = 0; e < edits && v.length() > 1; e++) {
                int at = rnd.nextInt(v.length());
                switch (rnd.nextInt(4)) {
                    case 0 -> v.setCharAt(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
                    case 1 -> v.deleteCharAt(at);
                    case 2 -> v.insert(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
                    default -> {
                        if (at + 1 < v.length()) {
                            char c = v.charAt(at);
                            v.setCharAt(at, v.charAt(at + 1));
                            v.setCharAt(at + 1, c);
                        }
                    }
                }
            }
            pairs.add(new String[] {w.toString(), v.toString()});
        }
        pairs.add(new String[] {"", ""});
        pairs.add(new String[] {"zhelvinski", "jelvinskii"});
        pairs.add(new String[] {"kaspersky", "kasperski"});
        return pairs;
    }

    @Test
    void similarityEqualsCommonsText() {
        JaroWinklerSimilarity reference = new JaroWinklerSimilarity();
        for (String[] p : pairs()) {
            assertEquals(reference.apply(p[0], p[1]), JaroWinkler.similarity(p[0], p[1]), 1e-12, p[0] + " / " + p[1]);
        }
    }

    @Test
    void boundNeverRejectsAPairThatReachesTheFloor() {
        int rejected = 0;
        int reaching = 0;
        for (double floor : new double[] {NameScorer.FUZZY_FLOOR, 0.8, 0.95}) {
            for (String[] p : pairs()) {
                boolean reaches = JaroWinkler.similarity(p[0], p[1]) >= floor;
                boolean may = JaroWinkler.mayReach(p[0], p[1], floor);
                if (reaches) {
                    reaching++;
                    assertTrue(may, p[0] + " / " + p[1] + " reaches " + floor);
                } else if (!may) {
                    rejected++;
                }
            }
        }
        // the bound must also do its job: many pairs below the floor stop before matching
        assertTrue(reaching > 1_000, "pairs reaching a floor: " + reaching);
        assertTrue(rejected > 5_000, "pairs rejected by the bound: " + rejected);
        assertFalse(JaroWinkler.mayReach("northwind", "systems", NameScorer.FUZZY_FLOOR));
    }
}
