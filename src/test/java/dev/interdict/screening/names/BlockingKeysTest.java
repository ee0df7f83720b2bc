package dev.interdict.screening.names;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockingKeysTest {
    @Test
    void aWordIsFiledByTheStartAndEndOfItsSkeletonSoATypoAtEitherEndStillMeetsIt() {
        List<String> listed = BlockingKeys.keys(new PreparedName("Zoltrane Holding"));
        List<String> typoAtEnd = BlockingKeys.keys(new PreparedName("Zoltrana"));
        List<String> typoAtStart = BlockingKeys.keys(new PreparedName("Soltrane"));
        assertTrue(listed.contains("<zolt") && typoAtEnd.contains("<zolt"), listed + " / " + typoAtEnd);
        assertTrue(listed.contains(">rane") && typoAtStart.contains(">rane"), listed + " / " + typoAtStart);
    }

    @Test
    void theWholeNameWithoutSpacesAndWithoutItsLegalFormIsAKey() {
        List<String> keys = BlockingKeys.keys(new PreparedName("Vel Tamar LLC"));
        assertEquals("=veltamarllc", keys.get(0));
        assertEquals("=veltamar", keys.get(1));
        assertTrue(keys.contains("wvel"), "short words are keys whole: " + keys);
    }

    @Test
    void initialsFindTheNamesTheyAbbreviateAndTheNamesGiveTheirInitials() {
        assertTrue(BlockingKeys.keys(new PreparedName("Northern Quarry Partners")).contains("^nqp"));
        assertTrue(BlockingKeys.keys(new PreparedName("NQP")).contains("^nqp"));
    }

    @Test
    void theKeysOfACommonWordAreWeakSoADistinctiveWordCarriesTheSearch() {
        PreparedName p = new PreparedName("Vortelix International");
        List<String> keys = BlockingKeys.keys(p);
        boolean[] weak = BlockingKeys.weakKeys(p, keys);
        for (int i = 0; i < keys.size(); i++) {
            boolean fromCommonWord = keys.get(i).equals("<inte") || keys.get(i).equals(">onal");
            boolean isInitials = keys.get(i).startsWith("^");
            if (!isInitials) {
                assertEquals(fromCommonWord, weak[i], keys.get(i));
            }
        }
        assertArrayEquals(new boolean[] {false, false, false}, java.util.Arrays.copyOf(weak, 3));
    }
}
