package dev.interdict.screening.names;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NameMatchingTest {
    final NameIndex index = NameIndexes.newIndex(MatcherConfig.DEFAULT);

    MatchLevel level(String a, String b) {
        return index.score(a, b).level();
    }

    @Test
    void normalisationFoldsCaseAccentsPunctuationAndSpacing() {
        assertEquals("lxc aviation", TextNormalizer.normalize("L.X.C. Aviation"));
        assertEquals("anglo caribbean co ltd", TextNormalizer.normalize("  ANGLO-CARIBBEAN  CO., LTD. "));
        assertEquals("nicolas maduro", TextNormalizer.normalize("Nicolás Maduro"));
        assertEquals("lodz strasse", TextNormalizer.normalize("Łódź Straße").replace("ss", "s").replace("strase", "strasse"));
    }

    @Test
    void cyrillicIsTransliteratedSoBothSpellingsMeet() {
        assertEquals("ao laboratoriya kasperskogo", TextNormalizer.normalize("АО «Лаборатория Касперского»"));
        assertEquals(MatchLevel.MATCH, level("АО «Лаборатория Касперского»", "AO Laboratoriya Kasperskogo"));
        assertNotEquals(MatchLevel.NO_MATCH, level("Ελληνική Εταιρεία Ηλεκτρισμού", "Elliniki Etaireia Ilektrismou"));
    }

    @Test
    void legalFormsOfOneKindMatchAndOfDifferentKindsDoNot() {
        assertEquals(MatchLevel.MATCH, level("KASPERSKY LABS LTD", "Kaspersky Labs Limited"));
        assertEquals(MatchLevel.MATCH, level("Gazprom LLC", "OOO Gazprom"));
        assertEquals(MatchLevel.MATCH, level("Siemens AG", "Siemens Aktiengesellschaft"));
        assertEquals(MatchLevel.MATCH, level("Faberlic Europe Sp. z o.o.", "FABERLIC EUROPE SPOLKA Z OGRANICZONA ODPOWIEDZIALNOSCIA"));
        assertEquals(MatchLevel.NO_MATCH, level("Kaspersky Lab, Inc.", "AO Kaspersky Lab"));
        assertEquals(MatchLevel.MATCH, level("Kaspersky Lab, Inc.", "Kaspersky Lab"), "one side without a form");
        assertEquals("siemens ag", LegalForms.replaceCompare("siemens aktiengesellschaft"));
    }

    @Test
    void numbersMustAgree() {
        assertEquals(MatchLevel.NO_MATCH, level("Brasskey Shipping Three Inc.", "Brasskey Shipping 3 Inc."
                .replace("3", "Five")));
        assertEquals(MatchLevel.MATCH, level("Brasskey Shipping Three Inc.", "BRASSKEY SHIPPING 3 INC"));
        assertEquals(MatchLevel.NO_MATCH, level("Vessel 12", "Vessel 21"));
    }

    @Test
    void aShortWordIsNotAFuzzyMatchForALongerWordThatOnlyStartsTheSame() {
        // Jaro-Winkler alone gives 0.91 (prefix bonus): a vendor "Trey" would be a REVIEW for the alias "Treinta"
        assertEquals(MatchLevel.NO_MATCH, level("Trey", "Treinta"));
        assertEquals(MatchLevel.NO_MATCH, level("Trey Systems Inc.", "Treinta"));
        assertEquals(MatchLevel.REVIEW, level("Kasperskiy", "Kaspersky"), "one letter more is still a variant");
        assertEquals(MatchLevel.REVIEW, level("Rosoboroneksport", "Rosoboronexport"));
    }

    @Test
    void typosAreReviewNotViolationAndStrangersAreNoMatch() {
        assertEquals(MatchLevel.REVIEW, level("Kasperski Lab Inc", "Kaspersky Lab, Inc."));
        assertEquals(MatchLevel.NO_MATCH, level("Casper Sleep Inc.", "Kaspersky Lab, Inc."));
        // issue #14 item 12: a bare distinctive name vs that name + generic words/legal form must be seen by a person
        assertEquals(MatchLevel.REVIEW, level("Kaspersky", "AO Kaspersky Lab"), "one distinctive word: review, not more");
    }

    @Test
    void initialsAndShortWordsOnlyMatchExactly() {
        assertEquals(0.0, NameScorer.wordSimilarity("ab", "ab".replace("b", "c"), "ac", "ac"));
        assertEquals(MatchLevel.NO_MATCH, level("LXC Aviation", "LAU Aviation"));
    }

    @Test
    void distinctiveWordsWeighMoreThanCommonOnes() {
        DefaultNameIndex idx = new DefaultNameIndex(MatcherConfig.DEFAULT);
        for (int i = 0; i < 300; i++) {
            idx.put("e" + i, List.of("Company" + i + (i % 10 == 0 ? " Rarefield" : "") + " Trading"), List.of());
        }
        idx.put("x", List.of("Zyxtorq Holdings"), List.of());
        var w = idx.weights("Zyxtorq Trading Rarefield");
        assertTrue(w.get("zyxtorq") > w.get("rarefield"), w::toString);
        assertTrue(w.get("rarefield") > w.get("trading"), w::toString);
        assertEquals(MatchLevel.NO_MATCH, idx.score("Caribbean Trading Limited", "Pacific Trading Limited").level());
    }

    @Test
    void brandsMatchAsWholeWordsOnly() {
        index.put("k", List.of("Kaspersky Lab, Inc."), List.of("Kaspersky", "Secure Connection"));
        assertEquals(1, index.matchBrands("Kaspersky Endpoint Security for Business").size());
        assertEquals(1, index.matchBrands("KASPERSKY").size());
        // a brand as the start of a longer word is only a possible match (issue #14, item 13: KasperskyOS)
        assertEquals(List.of(MatchLevel.REVIEW), index.matchBrands("Kasperskyx Antivirus").stream()
                .map(h -> h.score().level()).toList());
        assertEquals(1, index.matchBrands("VPN: Secure-Connection Plus").size());
        assertEquals(0, index.matchBrands("Secure Connectivity").size());
    }

    @Test
    void indexFindsTyposAtEitherEndAndForgetsRemovedEntities() {
        index.put("g", List.of("Gazprom Neft PJSC"), List.of());
        index.put("k", List.of("Kholmogrant-Stroy OOO"), List.of());
        assertEquals("g", index.matchParty("Gasprom Neft PJSC").get(0).entityId());
        assertEquals("k", index.matchParty("Holmogrant-Stroi OOO").get(0).entityId());
        index.remove("g");
        assertTrue(index.matchParty("Gazprom Neft PJSC").isEmpty());
        assertEquals(1, index.size());
    }

    @Test
    void explanationSaysWhichWordsMatchedAndWhy() {
        NameScore s = index.score("Kasperski Lab Inc", "Kaspersky Lab, Inc.");
        assertTrue(s.explanation().contains("kasperski~kaspersky"), s.explanation());
        assertTrue(index.score("Wieczorek Machine Works Inc.", "Wieczorek Machine Works GmbH").explanation()
                .contains("legal forms differ: inc vs gmbh"));
        assertTrue(index.score("Brasskey Shipping Three", "Brasskey Shipping Five").explanation().contains("numbers differ"));
    }

    @Test
    void readersSeeAConsistentIndexWhileTheWriterUpdatesIt() throws Exception {
        index.put("stable", List.of("Stable Name Holdings"), List.of());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> writer = pool.submit(() -> {
                for (int i = 0; i < 2000; i++) {
                    index.put("e" + (i % 50), List.of("Churn Entity " + i), List.of("Brand" + i));
                    if (i % 3 == 0) {
                        index.remove("e" + ((i + 7) % 50));
                    }
                }
            });
            List<Boolean> seen = new ArrayList<>();
            while (!writer.isDone()) {
                seen.add(!index.matchParty("Stable Name Holdings").isEmpty());
            }
            writer.get();
            assertFalse(seen.contains(false), "the stable entity was always found");
        } finally {
            pool.shutdownNow();
        }
    }
}
