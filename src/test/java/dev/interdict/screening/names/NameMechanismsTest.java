package dev.interdict.screening.names;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One test per matching mechanism of issue #14, on invented names that appear in no case file: each mechanism must
 * work on names it has never seen.
 */
class NameMechanismsTest {
    final NameIndex index = NameIndexes.newIndex(MatcherConfig.DEFAULT);

    MatchLevel level(String a, String b) {
        return index.score(a, b).level();
    }

    void flagged(String a, String b) {
        NameScore s = index.score(a, b);
        assertNotEquals(MatchLevel.NO_MATCH, s.level(), () -> a + " | " + b + ": " + s);
    }

    void notConfident(String a, String b) {
        NameScore s = index.score(a, b);
        assertNotEquals(MatchLevel.MATCH, s.level(), () -> a + " | " + b + ": " + s);
    }

    void match(String a, String b) {
        NameScore s = index.score(a, b);
        assertEquals(MatchLevel.MATCH, s.level(), () -> a + " | " + b + ": " + s);
    }

    void noMatch(String a, String b) {
        NameScore s = index.score(a, b);
        assertEquals(MatchLevel.NO_MATCH, s.level(), () -> a + " | " + b + ": " + s);
    }

    @Test
    void initialsStandForTheWordsOfTheOtherNameAndAreReviewAtMost() {
        assertEquals(MatchLevel.REVIEW, level("KMW", "Kestrel Marine Works"));
        assertEquals(MatchLevel.REVIEW, level("KMW Shipping", "Kestrel Marine Works Shipping"));
        assertEquals(MatchLevel.REVIEW, level("Kestrel Marine Works Ltd", "KMW"), "a listed acronym too");
        assertEquals(MatchLevel.REVIEW, level("BRV", "Bank of the Rozvany Valley"), "of/the skipped");
        noMatch("KMX", "Kestrel Marine Works");
        index.put("kmw", List.of("Kestrel Marine Works Limited"), List.of());
        assertFalse(index.matchParty("KMW").isEmpty(), "the index finds a name by its initials");
    }

    @Test
    void numberWordsAndSeriesNumeralsAreComparedAsDigits() {
        flagged("Depot Forty-Two", "Depot 42");
        flagged("Depot Forty Two", "Depot 42");
        flagged("Mill No. 7", "Mill Number Seven");
        flagged("Ostrog Fund XII", "Ostrog Fund 12");
        noMatch("Depot Forty-Two", "Depot 24");
        noMatch("Ostrog Fund XII", "Ostrog Fund 11");
        noMatch("Mill Number Seven", "Mill No. 8");
    }

    @Test
    void businessAbbreviationsMeetTheirWrittenOutWordsBothWays() {
        match("Meridian Intl Logistics", "Meridian International Logistics");
        match("Meridian International Logistics", "Meridian Int'l Logistics");
        match("Halvorsen Bros. Freight", "Halvorsen Brothers Freight");
        match("Ostrava Mfg", "Ostrava Manufacturing");
        match("Quillon Svcs", "Quillon Services");
        flagged("U.K. Quillon Holdings", "United Kingdom Quillon Holdings");
        flagged("Tarvik Petrochem. Supply", "Tarvik Petrochemical Supply");
        notConfident("Tarvik Petrochem. Supply", "Tarvik Petrochemical Supply");
        noMatch("Ostrava Mfg", "Ostrava Mining");
    }

    @Test
    void wordsAlignInAnyOrderAlsoWithAbbreviations() {
        flagged("Natl Meridian Bank", "Meridian Bank National");
        flagged("Meridian Bank Intl", "International Meridian Bank");
    }

    @Test
    void legalFormsWrittenOutInTheirLanguagesAndScriptsAreTheirAbbreviations() {
        match("Brenova Spółka Jawna", "Brenova sp.j.");
        match("Kovalin Osakeyhtiö", "Kovalin Oy");
        match("Ferrando Sociedad Limitada Unipersonal", "Ferrando S.L.U.");
        match("Sandvoll Aksjeselskap", "Sandvoll AS");
        match("Товариство з обмеженою відповідальністю «Дельтамаш»", "TOV Deltamash");
        match("Закрытое акционерное общество «Ромашка-Трейд»", "ZAO Romashka-Treyd");
        match("Societatea pe Actiuni Brasovia", "Brasovia SA");
        noMatch("Kovalin Oy", "Kovalin GmbH");
    }

    @Test
    void aTypoOrACutInsideALegalFormIsStillThatForm() {
        match("Brenova Trading Limitted", "Brenova Trading Ltd");
        match("Brenova Trading Incorporatd", "Brenova Trading Inc");
        match("Brenova Trading Coproration", "Brenova Trading Corp");
        match("Verkhnevolzhsk Turbine Works Joint Stock Comp", "Verkhnevolzhsk Turbine Works JSC");
        notConfident("Brenova Compass", "Brenova Company");
    }

    @Test
    void aNameCutByAnErpFieldIsAtLeastReview() {
        flagged("Verkhnevolzhsk Turbine Engineerin", "Verkhnevolzhsk Turbine Engineering Works Open JSC");
        flagged("Verkhnevolzhsk Petrochemical Turbi",
                "Verkhnevolzhsk Petrochemical Turbine Engineering Kombinat Open Joint Stock Company");
        flagged("Verkhnevolzhsk Turbine Engineering ", "Verkhnevolzhsk Turbine Engineering Kombinat Open JSC");
        notConfident("Verkhnevolzhsk Turb", "Verkhnevolzhsk Turbine Engineering Works Open JSC");
    }

    @Test
    void russianNamesMeetAcrossScriptsWithTheirGrammarAndGenericWords() {
        flagged("Мастерская Белозерова", "Belozerov Workshop");
        flagged("Завод имени Сомова", "Somov Works");
        flagged("Институт Грачева", "Grachev Institute");
        flagged("Бюро Тихомирского", "Tikhomirsky Bureau");
        flagged("Группа компаний «Вертекс»", "Vertex Group");
        match("Северный Полюс", "Severny Polyus");
        noMatch("Мастерская Белозерова", "Belov Workshop");
    }

    @Test
    void anExtraDistinctiveWordIsNeverAConfidentMatch() {
        notConfident("Veltrona Marine Shipping", "Veltrona Shipping");
        notConfident("Veltrona Andes Shipping", "Veltrona Shipping");
        notConfident("Veltrona Shipping Ltd", "Veltrona Ltd");
        assertEquals(MatchLevel.REVIEW, level("Veltrona", "Veltrona Asia Pte Ltd"), "a region added: review");
        assertEquals(MatchLevel.REVIEW, level("Veltrona Peru S.A.", "Veltrona S.A."));
        match("Veltrona Shipping S.A.", "VELTRONA SHIPPING SA");
    }

    @Test
    void noConfidentMatchWhereADistinctiveWordDiffersInGeneratedPairs() {
        SplittableRandom rnd = new SplittableRandom(20240);
        String[] generic = {"Trading", "Shipping", "Holdings", "Systems", "Logistics", "Energy", "Industries", "Bank"};
        String[] forms = {"Ltd", "LLC", "GmbH", "S.A.", "Inc.", "JSC", ""};
        String[] extra = {"Marine", "Trust", "Capital", "Finance", "Maritime", "Aviation"};
        List<String> wrong = new ArrayList<>();
        int pairs = 0;
        for (int k = 0; k < 400; k++) {
            String d1 = invented(rnd);
            String d2 = invented(rnd);
            String d3 = invented(rnd);
            String g = generic[rnd.nextInt(generic.length)];
            String f = forms[rnd.nextInt(forms.length)];
            String listed = (d1 + " " + d2 + " " + g + " " + f).trim();
            String[] queries = {
                    (d1 + " " + d3 + " " + g + " " + f).trim(),        // a distinctive word replaced
                    (d1 + " " + d2 + " " + d3 + " " + g + " " + f).trim(), // a distinctive word added
                    (d1 + " " + g + " " + f).trim(),                   // a distinctive word missing
                    (d1 + " " + d2 + " " + extra[rnd.nextInt(extra.length)] + " " + g + " " + f).trim(), // a word added
            };
            for (String q : queries) {
                pairs++;
                if (level(q, listed) == MatchLevel.MATCH) {
                    wrong.add(q + " | " + listed);
                }
            }
        }
        assertTrue(pairs >= 1500);
        assertTrue(wrong.isEmpty(), () -> wrong.size() + " confident matches, e.g. " + wrong.subList(0, Math.min(5, wrong.size())));
    }

    /** A pronounceable invented word of 6 to 9 letters. */
    static String invented(SplittableRandom rnd) {
        String c = "bdfgklmnprstvz";
        String v = "aeiou";
        StringBuilder b = new StringBuilder();
        int syllables = 3 + rnd.nextInt(2);
        for (int i = 0; i < syllables; i++) {
            b.append(c.charAt(rnd.nextInt(c.length()))).append(v.charAt(rnd.nextInt(v.length())));
        }
        b.setCharAt(0, Character.toUpperCase(b.charAt(0)));
        return b.toString();
    }

    @Test
    void spacedOutLettersSplitWordsAndDomainsAreTheName() {
        flagged("veltrona.ru", "Veltrona");
        flagged("www.veltrona.com", "Veltrona LLC");
        flagged("V E L T R O N A", "Veltrona");
        flagged("Velt rona Shipping", "Veltrona Shipping");
        noMatch("veltrona.ru", "Velmora");
    }

    @Test
    void invisibleCharactersCompatibilityLettersAndHomoglyphsNormaliseAway() {
        assertEquals("veltrona", TextNormalizer.normalize("Vel\u200btr\u2060o\u00adna"));
        assertEquals("veltrona", TextNormalizer.normalize("Vel\u200dtrona\u202e"));
        assertEquals("veltrona", TextNormalizer.normalize("\uFF36\uFF45\uFF4C\uFF54\uFF52\uFF4F\uFF4E\uFF41")); // full width
        assertEquals("veltrona", TextNormalizer.normalize("V\u0435ltr\u043en\u0430")); // Cyrillic е о а
        assertEquals("veltrona", TextNormalizer.normalize("\uD835\uDC15\uD835\uDC1E\uD835\uDC25\uD835\uDC2D\uD835\uDC2B\uD835\uDC28\uD835\uDC27\uD835\uDC1A"));
        assertEquals("veltrona", TextNormalizer.normalize("\u24CB\u24D4\u24DB\u24E3\u24E1\u24DE\u24DD\u24D0"));
        assertEquals("moskva", TextNormalizer.normalize("Москва"), "a word all in Cyrillic is transliterated, not skeletonised");
    }

    @Test
    void generatedEvasiveSpellingsOfListedNamesAreAtLeastReview() {
        String[][] listed = {
                {"a", "Veltrona Shipping Ltd"}, {"b", "Zorvanex Lab GmbH"}, {"c", "Kestrel Petrochemical Works JSC"},
                {"d", "Orlandia Aerospace Corporation"}};
        for (String[] e : listed) {
            index.put(e[0], List.of(e[1]), List.of());
        }
        List<String> missed = new ArrayList<>();
        for (String[] e : listed) {
            String name = e[1];
            String first = name.split(" ")[0];
            String rest = name.substring(first.length());
            List<String> variants = List.of(
                    first.substring(0, 3) + "\u200b" + first.substring(3) + rest,
                    first.substring(0, 2) + "\u2060" + first.substring(2) + rest,
                    first.substring(0, 4) + "\u00ad" + first.substring(4) + rest,
                    first.replace('a', '\u0430').replace('e', '\u0435').replace('o', '\u043e') + rest,
                    fullWidth(first) + rest,
                    String.join(" ", first.toUpperCase().split("")) + rest,
                    first.substring(0, 4) + " " + first.substring(4) + rest,
                    name + " (Vendor 10442)",
                    name + " - Head Office",
                    "Harbor Agents Inc DBA " + name,
                    name + " c/o Harbor Agents",
                    "Harbor Agents / " + name,
                    rest.contains("Petrochemical") || rest.contains("Aerospace") ? name.toUpperCase()
                            : first.toLowerCase() + ".com", // the bare name: only when the rest is generic
                    rest.contains("Petrochemical") || rest.contains("Aerospace") ? name : first);
            for (String v : variants) {
                boolean hit = index.matchParty(v).stream().anyMatch(h -> h.entityId().equals(e[0]));
                if (!hit) {
                    missed.add(v);
                }
            }
        }
        assertTrue(missed.isEmpty(), () -> "not flagged: " + missed);
    }

    private static String fullWidth(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c >= '!' && c <= '~' ? (char) (c - '!' + '\uFF01') : c);
        }
        return b.toString();
    }

    @Test
    void vendorMasterNoiseDoesNotHideAListedName() {
        index.put("v", List.of("Veltrona Shipping Ltd"), List.of());
        for (String text : List.of("Veltrona Shipping Ltd (Vendor 40511)", "Veltrona Shipping Ltd [USA]",
                "Veltrona Shipping Ltd - Rotterdam branch", "Baltern Freight DBA Veltrona Shipping",
                "Veltrona Shipping Ltd c/o Harbor Agents", "Harbor Agents / Veltrona Shipping Ltd",
                "Attn: Veltrona Shipping Ltd", "Veltrona Shipping Ltd via Harbor Agents")) {
            assertFalse(index.matchParty(text).isEmpty(), text);
        }
        assertTrue(index.matchParty("Harbor Agents Ltd (Rotterdam)").isEmpty());
        flagged("Veltrona Shipping Ltd (Vendor 40511)", "Veltrona Shipping Ltd");
    }

    @Test
    void aBareDistinctiveNameIsAtLeastReviewAgainstItsNamePlusGenericWords() {
        index.put("z", List.of("Zorvanex Lab GmbH", "AO Zorvanex Laboratory"), List.of());
        assertFalse(index.matchParty("Zorvanex").isEmpty());
        assertFalse(index.matchParty("ZORVANEX").isEmpty());
        assertEquals(MatchLevel.REVIEW, level("Zorvanex", "Zorvanex Lab GmbH"));
        assertEquals(MatchLevel.REVIEW, level("Zorvanex", "Zorvanex Europe"));
        noMatch("Zorvanex", "Zorvanex Kitrelli Polymers GmbH");
    }
}
