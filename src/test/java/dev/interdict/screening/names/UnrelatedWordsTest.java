package dev.interdict.screening.names;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnrelatedWordsTest {
    @Test
    void wordsCalledUnrelatedFromTheirCellsAloneAlwaysScoreZeroInFull() {
        SplittableRandom random = new SplittableRandom(7);
        String letters = "aeioubcdfgklmnprstvyzhx";
        List<PreparedName> names = new ArrayList<>();
        for (String fixed : new String[] {"Zavod Electric Labs", "Plant Elec. Lab", "Petrovskogo Bureau", "Petrovsky Byuro",
                "Kaspersky Lab", "Kasperskiy Labs", "Thermex Group", "Termeks Gruppa", "Intl Trading", "International Tradin"}) {
            names.add(new PreparedName(fixed));
        }
        for (int n = 0; n < 400; n++) {
            StringBuilder name = new StringBuilder();
            int words = 1 + random.nextInt(3);
            for (int w = 0; w < words; w++) {
                int len = 2 + random.nextInt(9);
                for (int k = 0; k < len; k++) {
                    name.append(letters.charAt(random.nextInt(letters.length())));
                }
                name.append(' ');
            }
            names.add(new PreparedName(name.toString().trim()));
        }
        int unrelated = 0;
        int similar = 0;
        for (PreparedName q : names) {
            for (PreparedName c : names) {
                for (int i = 0; i < q.words.length; i++) {
                    for (int j = 0; j < c.words.length; j++) {
                        double full = NameScorer.similarityInFull(q, i, c, j);
                        if (NameScorer.unrelated(q, i, c, j)) {
                            unrelated++;
                            assertEquals(0.0, full, q.words[i] + " / " + c.words[j]);
                        } else if (full > 0) {
                            similar++;
                        }
                    }
                }
            }
        }
        assertTrue(unrelated > 100_000, "pairs told apart from their cells: " + unrelated);
        assertTrue(similar > 500, "similar pairs: " + similar);
    }
}
