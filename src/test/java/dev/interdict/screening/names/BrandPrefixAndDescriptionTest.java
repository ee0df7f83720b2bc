package dev.interdict.screening.names;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #14, item 13: a brand as the start of a word or in the possessive, and listed names and brands in free-text
 * descriptions, on invented names.
 */
class BrandPrefixAndDescriptionTest {
    final NameIndex index = NameIndexes.newIndex(MatcherConfig.DEFAULT);

    BrandPrefixAndDescriptionTest() {
        index.put("z", List.of("Zorvanex Lab GmbH", "AO Zorvanex Laboratory"), List.of("Quorvix", "Nimbral Cloud"));
        index.put("t", List.of("Titan Aerodyne Holdings"), List.of("Titan", "Global"));
        index.put("k", List.of("Kestrel Petrochemical Works JSC"), List.of());
        index.put("g", List.of("Glass Works", "Ostrava"), List.of());
    }

    List<MatchLevel> brands(String text) {
        return index.matchBrands(text).stream().map(h -> h.score().level()).toList();
    }

    List<String> described(String text, MatchLevel level) {
        return index.matchDescription(text).stream().filter(h -> h.score().level() == level)
                .map(NameHit::entityId).distinct().sorted().toList();
    }

    @Test
    void possessiveIsTakenOffInNormalisation() {
        assertEquals("quorvix endpoint", TextNormalizer.normalize("Quorvix's Endpoint"));
        assertEquals("quorvix endpoint", TextNormalizer.normalize("QUORVIX\u2019S Endpoint"));
        assertEquals("zorvanex", TextNormalizer.normalize("Zorvanex`s"));
        assertEquals("zorvanexski ostravas", TextNormalizer.normalize("Zorvanex'ski Ostravas"),
                "only an 's that ends a word");
        assertEquals("s zorvanex", TextNormalizer.normalize("'s Zorvanex"), "only after a letter");
        assertEquals(List.of(MatchLevel.MATCH), brands("Quorvix's Endpoint Guard"));
        assertEquals(List.of(MatchLevel.MATCH), brands("Quorvix\u2019s Endpoint Guard"));
    }

    @Test
    void aDistinctiveBrandStartingALongerWordIsReviewNeverMatch() {
        assertEquals(List.of(MatchLevel.REVIEW), brands("QuorvixOS for Workstations"));
        assertEquals(List.of(MatchLevel.REVIEW), brands("QUORVIXCLOUD"));
        assertEquals(List.of(MatchLevel.REVIEW), brands("Quorvix2 Suite"));
        assertEquals(List.of(MatchLevel.REVIEW), brands("TitanOS gateway"));
        NameHit h = index.matchBrands("QuorvixOS").get(0);
        assertTrue(h.score().fired(MatchRule.BRAND_PREFIX), h::toString);
        assertTrue(h.score().explanation().contains("BRAND_PREFIX"), h::toString);
    }

    @Test
    void commonWordsAndEnglishWordsThatStartWithABrandAreNotHits() {
        assertEquals(List.of(), brands("Globalization Suite"), "a generic brand word is never a prefix");
        assertEquals(List.of(), brands("Titanium fasteners"), "an English ending after the brand");
        assertEquals(List.of(), brands("Titanic replica"));
        assertEquals(List.of(), brands("Titans of Industry"));
        assertEquals(List.of(), brands("Quorvi Suite"), "shorter than the brand");
        assertEquals(List.of(), brands("Nimbrals"), "only single-word brands start a word");
        assertEquals(List.of(), index.matchDescription("Titanium bolts, globalization services"));
    }

    @Test
    void descriptionsFindBrandsAndNamesAtReviewUnlessTheWholeNameIsThere() {
        assertEquals(List.of("z"), described("Quorvix Endpoint Guard for Business Select, 100 nodes", MatchLevel.REVIEW));
        assertEquals(List.of(), described("Quorvix Endpoint Guard for Business Select, 100 nodes", MatchLevel.MATCH),
                "a brand in a sentence is never a confident match");
        assertEquals(List.of("z"), described("Renewal of QuorvixOS gateways", MatchLevel.REVIEW));
        assertEquals(List.of("z"), described("Quorvix's endpoint agent", MatchLevel.REVIEW));
        assertEquals(List.of("z"), described("Nimbral Cloud storage, 1 TB", MatchLevel.REVIEW));
        assertEquals(List.of("z"), described("Anti-corrosion coating by Zorvanex Lab, 20 l", MatchLevel.REVIEW));
        assertEquals(List.of("k"), described("Catalyst from Kestrel Petrochemical Works, 2 t", MatchLevel.REVIEW));
        assertEquals(List.of("g"), described("Glass works renovation, phase 2", MatchLevel.REVIEW),
                "a listed name of one distinctive word and no legal form: review only");
        assertEquals(List.of("z"), described("Spare parts supplied by Zorvanex Lab GmbH, Hamburg", MatchLevel.MATCH));
        assertEquals(List.of("k"), described("Valves (Kestrel Petrochemical Works JSC)", MatchLevel.MATCH));
        NameHit h = index.matchDescription("Quorvix Endpoint Guard").get(0);
        assertTrue(h.score().fired(MatchRule.DESCRIPTION) && h.score().fired(MatchRule.BRAND), h::toString);
        assertTrue(h.score().explanation().endsWith("rules: BRAND, DESCRIPTION"), h::toString);
        assertEquals(List.of(), index.matchDescription("Kestrel feeders and petrochemical pumps, 4 units"),
                "the distinctive words must stand together");
        assertEquals(List.of(), index.matchDescription("Laboratory works, general services"));
        assertEquals(List.of(), index.matchDescription("Anti-corrosion coating by Zorvanex, 20 l"),
                "a name's one distinctive word alone is not looked for in descriptions (ordinary words, as often as not)");
        assertEquals(List.of(), index.matchDescription("Ostrava site, glassworks"), "nor a listed name of one word");
        assertEquals(List.of(), index.matchDescription("Zorvanexium coating"), "names are not looked for inside words");
    }

    @Test
    void onlyTheFirstCharactersOfADescriptionAreScanned() {
        String filler = "x".repeat(TextNormalizer.MAX_DESCRIPTION_CHARS - 4) + " ";
        assertEquals(List.of(), index.matchDescription(filler + "Quorvix Endpoint Guard"));
        assertEquals(List.of("z"), described("Quorvix " + filler, MatchLevel.REVIEW));
    }

    @Test
    void removedEntitiesAreNoLongerFoundInDescriptionsOrAsPrefixes() {
        index.remove("z");
        assertEquals(List.of(), index.matchDescription("Quorvix Endpoint Guard by Zorvanex"));
        assertEquals(List.of(), brands("QuorvixOS"));
        assertEquals(List.of(MatchLevel.REVIEW), brands("TitanOS"));
    }
}
