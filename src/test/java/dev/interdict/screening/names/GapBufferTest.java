package dev.interdict.screening.names;

import com.ibm.icu.text.ReplaceableString;
import com.ibm.icu.text.Transliterator;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GapBufferTest {

    @Test
    void randomEditsLeaveTheSameTextAsIcusReplaceableString() {
        Random random = new Random(10);
        String start = "Лаборатория Касперского 𝐀 Ελληνική";
        GapBuffer gap = new GapBuffer(start);
        ReplaceableString reference = new ReplaceableString(start);
        for (int i = 0; i < 20_000; i++) {
            int length = reference.length();
            int a = random.nextInt(length + 1);
            int b = Math.min(length, a + random.nextInt(4));
            switch (random.nextInt(4)) {
                case 0 -> {
                    String text = "xyzЖ".substring(0, random.nextInt(5));
                    gap.replace(a, b, text);
                    reference.replace(a, b, text);
                }
                case 1 -> {
                    char[] text = "--ab--".toCharArray();
                    int len = random.nextInt(3);
                    gap.replace(a, b, text, 2, len);
                    reference.replace(a, b, text, 2, len);
                }
                case 2 -> {
                    int dest = random.nextBoolean() ? random.nextInt(a + 1) : b + random.nextInt(length - b + 1);
                    if (length < 200) {
                        gap.copy(a, b, dest);
                        reference.copy(a, b, dest);
                    }
                }
                default -> {
                    if (length > 1) {
                        int offset = random.nextInt(length);
                        assertEquals(reference.char32At(offset), gap.char32At(offset), "char32At " + offset);
                        char[] x = new char[b - a];
                        char[] y = new char[b - a];
                        gap.getChars(a, b, x, 0);
                        reference.getChars(a, b, y, 0);
                        assertEquals(new String(y), new String(x));
                    }
                }
            }
            assertEquals(reference.length(), gap.length());
        }
        assertEquals(reference.toString(), gap.toString());
    }

    @Test
    void transliteratingMovesCharactersInProportionToTheLengthNotItsSquare() {
        Transliterator latin = Transliterator.getInstance(TextNormalizer.TRANSLITERATION);
        long[] moved = new long[2];
        int[] lengths = {50_000, 200_000};
        for (int i = 0; i < 2; i++) {
            GapBuffer buffer = new GapBuffer(NormalizationLimitsTest.repeat(NormalizationLimitsTest.CYRILLIC_WORDS, lengths[i]));
            latin.transliterate(buffer);
            moved[i] = buffer.moved();
        }
        // each of the four stages walks the text once, and the gap crosses it about twice per stage (back to the
        // start, then along with the edits): about 11 characters moved per character, whatever the length. In a
        // StringBuffer every replacement moves the rest of the text: 4 times the text would be 16 times the work
        assertTrue(moved[1] <= 16L * lengths[1], "moved " + moved[1] + " characters for " + lengths[1]);
        assertTrue(moved[1] <= 4.4 * moved[0], "4 times the text moved " + moved[1] + ", once " + moved[0]);
    }
}
