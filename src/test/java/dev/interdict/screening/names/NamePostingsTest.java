package dev.interdict.screening.names;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NamePostingsTest {
    private static ListedName listed(int id, String entity, String name) {
        return new ListedName(id, entity, name, NameKind.NAME, new PreparedName(name));
    }

    @Test
    void aViewAlreadyReadNeverChangesWhenNamesAreAddedOrRemoved() {
        NamePostings postings = new NamePostings();
        postings.add(List.of(listed(0, "e0", "Quorvan Trading")));
        NamePostings.Posting before = postings.get("<quor");
        postings.add(List.of(listed(1, "e1", "Quorvan Shipping")));
        postings.remove("e0", List.of(listed(0, "e0", "Quorvan Trading")));
        assertEquals(1, before.size());
        assertEquals("e0", before.name(0).entityId());
        NamePostings.Posting now = postings.get("<quor");
        assertEquals(1, now.size());
        assertEquals("e1", now.name(0).entityId());
    }

    @Test
    void addingToACommonKeyGrowsItsArraysGeometricallyInsteadOfCopyingThemEveryTime() {
        NamePostings postings = new NamePostings();
        int copies = 0;
        int[] lastArray = null;
        for (int i = 0; i < 10_000; i++) {
            postings.add(List.of(listed(i, "e" + i, "Trading " + i)));
            int[] ids = postings.get("<trad").ids();
            if (ids != lastArray) {
                copies++;
                lastArray = ids;
            }
        }
        assertEquals(10_000, postings.get("<trad").size());
        assertTrue(copies < 40, "arrays replaced " + copies + " times for 10,000 adds");
    }

    @Test
    void removingTheLastNameOfAKeyDropsTheKey() {
        NamePostings postings = new NamePostings();
        ListedName l = listed(7, "e7", "Zembrovia");
        postings.add(List.of(l));
        int keys = postings.keyCount();
        assertTrue(keys > 0);
        postings.remove("e7", List.of(l));
        assertNull(postings.get("<zemb"));
        assertEquals(0, postings.keyCount());
    }

    @Test
    void removingAnEntityThatAKeyDoesNotHoldKeepsThePostingAsItIs() {
        NamePostings.Posting p = NamePostings.append(null, new ArrayList<>(List.of(listed(1, "a", "Alpha"))));
        assertSame(p, NamePostings.withoutEntity(p, "b"));
    }
}
