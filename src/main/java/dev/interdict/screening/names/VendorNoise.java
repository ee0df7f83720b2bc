package dev.interdict.screening.names;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What vendor masters add to a party name: qualifiers in parentheses or brackets ({@code (USA)},
 * {@code (Vendor 20017)}) or after a dash ({@code - Moscow office}), a second name after {@code DBA}, {@code c/o},
 * {@code Attn:} or {@code via}, alternatives joined by {@code /}. A name with any of these is screened as written and
 * as each of its parts, so the noise cannot push a listed name under review.
 */
final class VendorNoise {
    /** Words that join two parties or two names of one party. */
    private static final Pattern JOINERS = Pattern.compile(
            "(?i)\\s*(?:\\b(?:d/b/a|dba|d\\.b\\.a\\.?|t/a|aka|a\\.k\\.a\\.?|f/k/a|fka|c/o|care of|attn|attention|via|"
                    + "trading as|doing business as|formerly)\\b\\.?:?|\\s[-\u2013\u2014]\\s|:)\\s*");
    private static final Pattern BRACKETS = Pattern.compile("\\([^)]*\\)?|\\[[^\\]]*\\]?|\\{[^}]*\\}?");
    /** At most this many parts are screened: the work per field stays bounded. */
    static final int MAX_PARTS = 6;

    private VendorNoise() {
    }

    /** Cheap test: could the text hold vendor-master noise? */
    static boolean mayHaveNoise(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '[' || c == '{' || c == '/' || c == ':' || c == '\u2013' || c == '\u2014'
                    || (c == '-' && i > 0 && text.charAt(i - 1) == ' ')) {
                return true;
            }
        }
        for (int i = 0; i < text.length(); i++) {
            char c = (char) (text.charAt(i) | 0x20); // ASCII lower case
            if ((i == 0 || !Character.isLetter(text.charAt(i - 1))) && KEYWORD_INITIALS.indexOf(c) >= 0) {
                for (String word : KEYWORDS) {
                    if (word.charAt(0) == c && text.regionMatches(true, i, word, 0, word.length())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static final String KEYWORD_INITIALS = "dacvtf";
    private static final String[] KEYWORDS = {"dba", "d.b.a", "attn", "via ", "aka ", "a.k.a", "care of",
            "attention", "trading as", "doing business", "formerly", "fka"};

    /** The parts of a text to screen besides the text itself (none when it has no noise), at most {@value #MAX_PARTS}. */
    static List<String> parts(String text) {
        if (text == null || !mayHaveNoise(text)) {
            return List.of();
        }
        List<String> out = new ArrayList<>(3);
        String outside = BRACKETS.matcher(text).replaceAll(" ").trim();
        add(out, outside, text);
        for (String piece : JOINERS.split(outside)) {
            add(out, piece, text);
            if (piece.indexOf('/') >= 0) {
                String[] alternatives = piece.split("/");
                boolean all = true;
                for (String a : alternatives) {
                    all &= letters(a) >= 4;
                }
                if (all) {
                    for (String a : alternatives) {
                        add(out, a, text);
                    }
                }
            }
        }
        return out.size() > MAX_PARTS ? out.subList(0, MAX_PARTS) : out;
    }

    private static void add(List<String> out, String part, String text) {
        String p = part.strip();
        if (letters(p) >= 2 && !p.equals(text.strip()) && !out.contains(p)) {
            out.add(p);
        }
    }

    private static int letters(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            n += Character.isLetter(s.charAt(i)) ? 1 : 0;
        }
        return n;
    }
}
