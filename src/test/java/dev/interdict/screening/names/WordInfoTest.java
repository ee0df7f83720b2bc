package dev.interdict.screening.names;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class WordInfoTest {
    @Test
    void theMemoGivesWhatDerivingTheWordGives() {
        for (String w : new String[] {"zavod", "petrovskogo", "thermex", "europe", "the", "trading", "ooo", "kasperskiy",
                "shchukin", "xylophone", "brigade"}) {
            assertEquals(WordInfo.derive(w), WordInfo.of(w), w);
            assertEquals(WordInfo.of(w), WordInfo.of(w), w);
        }
    }

    @Test
    void namesHoldingTheSameWordShareOneInstanceOfIt() {
        PreparedName a = new PreparedName("Volgograd Tractor Plant");
        PreparedName b = new PreparedName("Tractor Export Volgograd");
        assertSame(a.words[0], b.words[2]);
        assertSame(a.skeletons[1], b.skeletons[0]);
    }
}
