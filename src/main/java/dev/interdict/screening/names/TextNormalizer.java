package dev.interdict.screening.names;

import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import com.ibm.icu.text.Transliterator;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Brings names to one comparable form: any script transliterated to Latin (Russian by BGN/PCGN, Greek by UNGEGN, everything else by
 * ICU's Any-Latin), accents stripped, lower case; dots, apostrophes and middle dots removed so that abbreviations
 * join ({@code L.X.C.} = {@code lxc}); a possessive {@code 's} ({@code Kaspersky's}, {@code Kaspersky’s}) is taken off;
 * any other punctuation is a space. Plain ASCII (the common case) never touches ICU.
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

    /**
     * Characters of a free-text description (a purchase-order line's) that are screened: descriptions are sentences,
     * and the product and maker they name come first; it bounds the scan of one description.
     */
    public static final int MAX_DESCRIPTION_CHARS = 512;

    /**
     * The part of a description that is screened: its first {@value #MAX_DESCRIPTION_CHARS} characters (one fewer
     * when a surrogate pair would be cut in two); the text itself when it is no longer.
     */
    public static String description(String text) {
        if (text == null || text.length() <= MAX_DESCRIPTION_CHARS) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_DESCRIPTION_CHARS - 1)) ? MAX_DESCRIPTION_CHARS - 1
                : MAX_DESCRIPTION_CHARS;
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

    private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();
    private static final SpoofChecker SPOOF = new SpoofChecker.Builder().build();
    /** A letter of another script and the Latin letter it is confusable with ('\0': none). */
    private static final ConcurrentHashMap<Integer, Character> CONFUSABLE = new ConcurrentHashMap<>();

    private static String normalizeUncached(String text) {
        text = withoutPossessives(text);
        String s = isAscii(text) ? text : transliterate(unspoof(text));
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
                } else if (c == '.' || c == '\'' || c == '`' || (c == ':' && s != text && i > 0 && i + 1 < s.length()
                        && Character.isLetter(s.charAt(i - 1)) && Character.isLetter(s.charAt(i + 1)))) {
                    // BGN marks a letter pair that is not a digraph with ':' (otvet:stvennost')
                    // joins: L.X.C. = LXC, O'Brien = OBrien
                } else if (!space) {
                    out.append(' ');
                    space = true;
                }
            } else if (c == '\u00b7' || c == '\u02b9' || c == '\u2019' || c == '\u02bc' || c == '\u00ad') {
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
     * The text without possessive {@code 's} after a letter ({@code Zorvanex's}, {@code ZORVANEX’S}, also with
     * {@code `} or {@code ʼ}): a brand or name in the possessive is that brand or name. The text itself when it has
     * none (the common case: one pass, nothing copied).
     */
    static String withoutPossessives(String text) {
        StringBuilder b = null;
        int n = text.length();
        int copied = 0;
        for (int i = 1; i + 1 < n; i++) {
            char c = text.charAt(i);
            if ((c == '\'' || c == '\u2019' || c == '`' || c == '\u02bc') && Character.isLetter(text.charAt(i - 1))
                    && (text.charAt(i + 1) == 's' || text.charAt(i + 1) == 'S')
                    && (i + 2 == n || !Character.isLetterOrDigit(text.charAt(i + 2)))) {
                if (b == null) {
                    b = new StringBuilder(n);
                }
                b.append(text, copied, i);
                copied = i + 2;
                i++;
            }
        }
        return b == null ? text : b.append(text, copied, n).toString();
    }

    /**
     * The evasion-proof form of a non-ASCII text, before it is transliterated: format characters (category Cf: zero
     * width joiners and spaces, word joiner, soft hyphen, bidi controls) taken out, NFKC applied (mathematical,
     * circled, full-width and other compatibility letters become plain letters), and in a word that mixes Latin
     * letters with no more letters of another script, every other-script letter that is confusable with
     * one Latin letter (UTS #39 skeleton: Cyrillic {@code а р е у с}) replaced by that letter; so
     * {@code Kаsреrskу} with Cyrillic letters is {@code Kaspersky}, not a transliteration of them.
     */
    static String unspoof(String text) {
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            if (Character.getType(text.charAt(i)) == Character.FORMAT) {
                if (b == null) {
                    b = new StringBuilder(text.length()).append(text, 0, i);
                }
            } else if (b != null) {
                b.append(text.charAt(i));
            }
        }
        String s = NFKC.normalize(b == null ? text : b);
        StringBuilder out = null;
        int wordStart = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || !Character.isLetter(s.charAt(i))) {
                if (i > wordStart) {
                    String fixed = latinConfusables(s, wordStart, i);
                    if (fixed != null) {
                        if (out == null) {
                            out = new StringBuilder(s.length()).append(s, 0, wordStart);
                        }
                        out.append(fixed);
                    } else if (out != null) {
                        out.append(s, wordStart, i);
                    }
                }
                if (i < s.length() && out != null) {
                    out.append(s.charAt(i));
                }
                wordStart = i + 1;
            }
        }
        return out == null ? s : out.toString();
    }

    /** The word s[from, to) with its confusable letters made Latin when it mixes Latin with another script; else null. */
    private static String latinConfusables(String s, int from, int to) {
        int latin = 0;
        int other = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 128 || UScript.getScript(c) == UScript.LATIN) {
                latin++;
            } else if (!Character.isSurrogate(c)) {
                other++;
            }
        }
        if (latin == 0 || other == 0 || latin < other) {
            return null;
        }
        StringBuilder b = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            char l = c < 128 || UScript.getScript(c) == UScript.LATIN ? c : CONFUSABLE.computeIfAbsent((int) c, k -> {
                String sk = SPOOF.getSkeleton(String.valueOf(c));
                return sk.length() == 1 && sk.charAt(0) < 128 && Character.isLetter(sk.charAt(0)) ? sk.charAt(0) : '\0';
            });
            b.append(l == '\0' ? c : l);
        }
        return b.toString();
    }

    /**
     * The text in Latin letters: what {@code Transliterator.transliterate(String)} gives, in time linear in the length
     * of the text (see {@link GapBuffer}).
     */
    static String transliterate(String text) {
        int n = text.length();
        StringBuilder out = new StringBuilder(n + 16);
        for (int i = 0; i <= n; ) {
            int j = text.indexOf(' ', i);
            if (j < 0) {
                j = n;
            }
            String word = text.substring(i, j);
            out.append(isAscii(word) ? word : transliterateWord(word));
            if (j < n) {
                out.append(' ');
            }
            i = j + 1;
        }
        return out.toString();
    }

    /**
     * Words in Latin letters, by their text: a name's words recur across names (company words, given names, legal
     * forms), and ICU's rule-based transliteration of a word costs microseconds. None of the transliterations
     * used looks across a space, so a text transliterated word by word is the text transliterated whole (a test
     * checks it against ICU on texts of every script). Bounded: emptied when it holds {@value #WORD_CACHE} words.
     */
    private static final int WORD_CACHE = 100_000;
    private static final ConcurrentHashMap<String, String> LATIN_WORDS = new ConcurrentHashMap<>();

    private static String transliterateWord(String word) {
        if (word.length() > 64) {
            return transliterateWhole(word);
        }
        String latin = LATIN_WORDS.get(word);
        if (latin == null) {
            latin = transliterateWhole(word);
            if (LATIN_WORDS.size() >= WORD_CACHE) {
                LATIN_WORDS.clear();
            }
            LATIN_WORDS.put(word, latin);
        }
        return latin;
    }

    private static String transliterateWhole(String text) {
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

    /**
     * Whether a non-ASCII text had evasion normalised away: format characters, compatibility letters (NFKC) or
     * look-alike letters of another script in a Latin word. For explanations (not on the screening hot path).
     */
    static boolean evasive(String text) {
        if (text == null || isAscii(text)) {
            return false;
        }
        text = screened(text);
        return !unspoof(text).equals(text);
    }

    /** Whether a text has a letter of a script other than Latin once look-alikes are made Latin (for explanations). */
    static boolean otherScript(String text) {
        if (text == null || isAscii(text)) {
            return false;
        }
        String s = unspoof(screened(text));
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (Character.isLetter(cp) && Character.UnicodeScript.of(cp) != Character.UnicodeScript.LATIN) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
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
            } else if (c == 't' && next == 'h') { // th -> t (Thermex = Termeks)
                b.append('t');
                i++;
            } else if (c == 'x') { // x -> ks
                b.append("ks");
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
