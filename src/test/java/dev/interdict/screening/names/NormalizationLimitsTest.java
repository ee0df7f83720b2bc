package dev.interdict.screening.names;

import com.ibm.icu.text.Transliterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #15 item 10: normalising a text costs time linear in its length, only its first {@link TextNormalizer#MAX_CHARS}
 * characters count, and indexing an entity's names costs time and memory linear in their number.
 */
class NormalizationLimitsTest {
    static final String CYRILLIC_WORDS = "Общество с ограниченной ответственностью Щёлково Жилстрой объём подъезд Йошкар-Ола ";

    static String repeat(String unit, int length) {
        StringBuilder b = new StringBuilder(length + unit.length());
        while (b.length() < length) {
            b.append(unit);
        }
        b.setLength(length);
        return b.toString();
    }

    /** Letters, marks and separators of many scripts, so that context rules (word starts, ё after a vowel, ...) fire. */
    static String mixedScripts(Random random, int length) {
        String[] alphabets = {
                "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ",
                "αβγδεζηθικλμνξοπρσςτυφχψωάέήίόύώϊϋΐΰΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩΆΈΉΊΌΎΏ",
                "ابتثجحخدذرزسشصضطظعغفقكلمنهوي", "汉字北京上海有限公司", "한국어회사", "हिन्दीकंपनी", "ÀÉÎÕÜçñøßłđ",
                "abcdefghijklmnopqrstuvwxyz", "ӘәҒғҚқҢңӨөҮүҰұҺһІіЇїЄєҐґЎў"};
        String separators = "  .,-'’·«»()\"/&";
        StringBuilder b = new StringBuilder(length);
        String alphabet = alphabets[0];
        while (b.length() < length) {
            int r = random.nextInt(20);
            if (r == 0) {
                alphabet = alphabets[random.nextInt(alphabets.length)];
            } else if (r < 4) {
                b.append(separators.charAt(random.nextInt(separators.length())));
            } else {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
        }
        return b.toString();
    }

    @Test
    void transliterationGivesExactlyWhatIcuGivesForTextsOfEveryScript() {
        Transliterator icu = Transliterator.getInstance(TextNormalizer.TRANSLITERATION);
        Random random = new Random(15_10);
        List<String> texts = new ArrayList<>(List.of("АО «Лаборатория Касперского»", "Сергей Викторович Лавров",
                "Ελληνική Εταιρεία Ηλεκτρισμού", "ООО Объединённая Ёлка", "Łódź Straße", CYRILLIC_WORDS));
        for (int i = 0; i < 150; i++) {
            texts.add(mixedScripts(random, 1 + random.nextInt(i < 140 ? 200 : 3_000)));
        }
        for (String text : texts) {
            assertEquals(icu.transliterate(text), TextNormalizer.transliterate(text), text);
        }
    }

    @Test
    void transliteratingWordByWordGivesWhatIcuGivesForTheWholeText() {
        // TextNormalizer transliterates (and remembers) each space-separated word: word-initial letters (Е, Ё, Ю, Я
        // become Ye, Yë, Yu, Ya at the start of a word in BGN), Greek final sigma and mixed scripts inside a word
        // must come out as ICU writes them in the whole text
        Transliterator icu = Transliterator.getInstance(TextNormalizer.TRANSLITERATION);
        List<String> texts = new ArrayList<>(List.of("Ель Ёж Юг Яр ещё Его", "ООО «Ёлка» и Ёж", "Євген Їжак Юрій",
                "Σύνδεσμος Ελλήνων Βιομηχάνων", "ΟΔΟΣ ΑΘΗΝΑΣ", "Зав  од   Ъ", " Ведущий пробел", "Kasp Е rsky",
                "東京 電力 株式会社", "شركة النفط", "Łódź Straße Ærø"));
        for (var e : new dev.interdict.bench.ListGenerator(99).entities(3_000)) {
            texts.addAll(e.allNames());
        }
        for (String text : texts) {
            assertEquals(icu.transliterate(text), TextNormalizer.transliterate(text), text);
        }
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void transliteratingAMillionCyrillicCharactersIsNotQuadratic() {
        // ICU's own String path replaces inside one StringBuffer, moving the rest of the text at every replacement:
        // 400k characters took 5 s, a million about 30 s
        String text = repeat(CYRILLIC_WORDS, 1_000_000);
        String latin = TextNormalizer.transliterate(text);
        String unit = TextNormalizer.transliterate(CYRILLIC_WORDS);
        assertTrue(latin.startsWith(unit + unit), latin.substring(0, 200));
    }

    @Test
    void normalisingCountsOnlyTheFirstMaxCharsCharacters() {
        String longText = repeat(CYRILLIC_WORDS, 2_000_000);
        String firstChars = TextNormalizer.normalize(longText.substring(0, TextNormalizer.MAX_CHARS));
        String whole = TextNormalizer.normalize(longText);
        assertTrue(firstChars.equals(whole), "normalised length " + whole.length() + ", expected " + firstChars.length());
        String exactlyMax = repeat(CYRILLIC_WORDS, TextNormalizer.MAX_CHARS);
        assertTrue(TextNormalizer.normalize(exactlyMax + " Жилстрой").equals(TextNormalizer.normalize(exactlyMax)),
                "a word after the limit does not count");
        // a name that ends just inside the limit is whole
        String tail = " Кирилл";
        String atEnd = repeat("a ", TextNormalizer.MAX_CHARS - tail.length()) + tail;
        assertTrue(TextNormalizer.normalize(atEnd).endsWith(" kirill"), TextNormalizer.normalize(atEnd));
    }

    @Test
    void theLimitNeverSplitsASurrogatePair() {
        String prefix = "a".repeat(TextNormalizer.MAX_CHARS - 1);
        String text = prefix + "\uD835\uDC00bc"; // MATHEMATICAL BOLD CAPITAL A straddles the limit
        assertEquals(prefix.length(), TextNormalizer.screened(text).length());
        assertEquals(TextNormalizer.MAX_CHARS, TextNormalizer.screened("b".repeat(5_000)).length());
        String shortText = "Лаборатория Касперского";
        assertTrue(shortText == TextNormalizer.screened(shortText), "a text within the limit is kept as it is");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void fiftyThousandNamesOfOneEntityAreIndexedReplacedAndRemovedWithoutQuadraticCopying() {
        // every name shares the blocking keys of "zorbex" and "trading": one posting copied per name was
        // 50k x 50k element copies (24 s, 4 GB of garbage); the index itself does not cap (the Screener does)
        DefaultNameIndex index = new DefaultNameIndex(MatcherConfig.DEFAULT);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            names.add("Zorbex Trading " + i);
        }
        index.put("e-many", names, List.of());
        assertEquals(50_000, index.nameCount("e-many"));
        index.put("e-many", names.subList(0, 40_000), List.of());
        assertEquals(40_000, index.nameCount("e-many"));
        index.put("e-other", List.of("Zorbex Trading"), List.of());
        index.remove("e-many");
        assertEquals(0, index.nameCount("e-many"));
        assertEquals(1, index.nameCount("e-other"));
        assertEquals(List.of("e-other"), index.matchParty("Zorbex Trading").stream().map(NameHit::entityId).toList());
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void fiftyThousandBrandsWithOneFirstWordAreIndexedWithoutQuadraticCopying() {
        DefaultNameIndex index = new DefaultNameIndex(MatcherConfig.DEFAULT);
        List<String> brands = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            brands.add("Zorbex " + i);
        }
        index.put("e-brands", List.of("Zorbex Holdings"), brands);
        index.put("e-brands", List.of("Zorbex Holdings"), brands);
        assertEquals(List.of("Zorbex 49999"),
                index.matchBrands("Zorbex 49999 suite").stream().map(NameHit::matchedName).toList());
    }
}
