package dev.interdict.screening.names;

import com.ibm.icu.text.Transliterator;

/**
 * Brings names to one comparable form: any script transliterated to Latin (Russian by BGN/PCGN, Greek by UNGEGN, everything else by
 * ICU's Any-Latin), accents stripped, lower case; dots, apostrophes and middle dots removed so that abbreviations
 * join ({@code L.X.C.} = {@code lxc}); any other punctuation is a space. Plain ASCII (the common case) never touches
 * ICU.
 *
 * <p>Only the first {@value #MAX_CHARS} characters of a text count, and the time taken is linear in those.
 */
public final class TextNormalizer {
    /**
     * Characters of a text that count: the rest is ignored. Six times the longest name on the OFAC SDN list (165
     * characters) and far above any real company, brand or product name; it bounds the work one event field can cause.
     */
    public static final int MAX_CHARS = 1_024;

    static final String TRANSLITERATION = "Russian-Latin/BGN; Greek-Latin/UNGEGN; Any-Latin; Latin-ASCII";
    /** ICU transliterators are not safe for concurrent use and slow to create: one per thread. */
    private static final ThreadLocal<Transliterator> LATIN =
            ThreadLocal.withInitial(() -> Transliterator.getInstance(TRANSLITERATION));
    /** The last text normalised on this thread: a manufacturer is matched as a name and as a brand in a row. */
    private static final ThreadLocal<String[]> LAST = ThreadLocal.withInitial(() -> new String[2]);

    private TextNormalizer() {
    }

    /**
     * The part of a text that is screened: its first {@value #MAX_CHARS} characters (one fewer when a surrogate pair
     * would be cut in two); the text itself when it is no longer.
     */
    public static String screened(String text) {
        if (text == null || text.length() <= MAX_CHARS) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
        return text.substring(0, end);
    }

    /** The normalised form of the {@link #screened} text: tokens separated by single spaces, no leading or trailing space. */
    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        text = screened(text);
        String[] last = LAST.get();
        if (text.equals(last[0])) {
            return last[1];
        }
        String result = normalizeUncached(text);
        last[0] = text;
        last[1] = result;
        return result;
    }

    private static String normalizeUncached(String text) {
        String s = isAscii(text) ? text : transliterate(text);
        StringBuilder out = new StringBuilder(s.length());
        boolean space = true; // suppress leading spaces
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 128) {
                if (c >= 'A' && c <= 'Z') {
                    out.append((char) (c + 32));
                    space = false;
                } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                    out.append(c);
                    space = false;
                } else if (c == '.' || c == '\'' || c == '`') {
                    // joins: L.X.C. = LXC, O'Brien = OBrien
                } else if (!space) {
                    out.append(' ');
                    space = true;
                }
            } else if (c == '\u00b7' || c == '\u02b9' || c == '\u2019' || c == '\u02bc') {
                // middle dot, modifier prime, right quote: transliteration marks, join
            } else if (Character.isLetterOrDigit(c)) {
                out.append(Character.toLowerCase(c));
                space = false;
            } else if (!space) {
                out.append(' ');
                space = true;
            }
        }
        int n = out.length();
        if (n > 0 && out.charAt(n - 1) == ' ') {
            out.setLength(n - 1);
        }
        return out.toString();
    }

    /**
     * The text in Latin letters: what {@code Transliterator.transliterate(String)} gives, in time linear in the length
     * of the text (see {@link GapBuffer}).
     */
    static String transliterate(String text) {
        GapBuffer buffer = new GapBuffer(text);
        LATIN.get().transliterate(buffer);
        return buffer.toString();
    }

    static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    /** The tokens of a normalised string. */
    public static String[] tokens(String normalized) {
        return normalized.isEmpty() ? new String[0] : normalized.split(" ");
    }

    /**
     * A spelling skeleton for fuzzy comparison: common transliteration variants and doubled letters made equal
     * (zh=j, kh=h, ts=c, ph=f, ck=k, y=i, w=v, j after a vowel = i)
     * ({@code Zhelvinsky} ~ {@code Jelvinskiy}, {@code Kholmogrant} ~ {@code Holmogrant}, {@code Odessa} ~ {@code Odesa}).
     */
    public static String skeleton(String token) {
        StringBuilder b = new StringBuilder(token.length());
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            char next = i + 1 < token.length() ? token.charAt(i + 1) : 0;
            if (c == 'z' && next == 'h') { // zh -> j
                b.append('j');
                i++;
            } else if (c == 'k' && next == 'h') { // kh -> h
                b.append('h');
                i++;
            } else if ((c == 't' && (next == 's' || next == 'z'))) { // ts, tz -> c
                b.append('c');
                i++;
            } else if (c == 'p' && next == 'h') { // ph -> f
                b.append('f');
                i++;
            } else if (c == 'c' && next == 'k') { // ck -> k
                b.append('k');
                i++;
            } else if (c == 'y') {
                b.append('i');
            } else if (c == 'j' && i > 0 && "aeiou".indexOf(token.charAt(i - 1)) >= 0) {
                b.append('i'); // й as j, y or i after a vowel: Sergej = Sergey = Sergei
            } else if (c == 'w') {
                b.append('v');
            } else {
                b.append(c);
            }
        }
        // collapse doubled letters (ii, ss, nn, ...)
        StringBuilder out = new StringBuilder(b.length());
        for (int i = 0; i < b.length(); i++) {
            if (i == 0 || b.charAt(i) != b.charAt(i - 1)) {
                out.append(b.charAt(i));
            }
        }
        return out.toString();
    }
}
