package dev.interdict.screening.names;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PartyProbeTest {
    private static boolean byFullLookup(NameIndex index, String text, Set<String> ids) {
        return NameHit.anyFor(index.matchParty(text), ids);
    }

    @Test
    void theProbeOfAFewEntitiesAnswersExactlyAsTheFullLookupFilteredToThem() {
        NameIndex index = NameIndexes.newUncachedIndex(MatcherConfig.DEFAULT);
        index.put("e1", List.of("Zentrivo Holdings Ltd", "ZHL"), List.of());
        index.put("e2", List.of("Marlowe Petrochemical Trading LLC"), List.of());
        index.put("e3", List.of("Бюро Петровского", "Petrovsky Bureau"), List.of());
        index.put("e4", List.of("United Quarry Corporation"), List.of());
        index.put("e5", List.of("Zentrivo Shipping"), List.of());
        List<String> texts = new ArrayList<>(List.of("Zentrivo Holdings", "Zentrivo Holding Limited", "ZENTRIVO",
                "Zentrevo Holdings Ltd", "ZHL", "Marlowe Petrochem Trading", "Marlow Petrochemical Trading L.L.C.",
                "Petrovskogo Byuro", "Petrovsky", "UQC", "United Quarry Corp.", "Zentrivo Shipping Ltd",
                "Acme Supplies (Vendor 2001) DBA Zentrivo Holdings", "Northwind Traders", "Quarry Services",
                "Bureau Veritas", "Holdings Ltd", "k a s p e r s k y", ""));
        List<Set<String>> sets = List.of(Set.of("e1"), Set.of("e2"), Set.of("e3"), Set.of("e4"), Set.of("e5"),
                Set.of("e1", "e3"), Set.of("gone"));
        int positive = 0;
        for (Set<String> ids : sets) {
            Predicate<String> probe = index.partyProbe(ids);
            for (String text : texts) {
                boolean expected = byFullLookup(index, text, ids);
                assertEquals(expected, probe.test(text), text + " against " + ids);
                positive += expected ? 1 : 0;
            }
        }
        assertTrue(positive >= 10, "texts that may match: " + positive);
    }
}
