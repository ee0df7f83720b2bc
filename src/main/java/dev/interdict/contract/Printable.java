package dev.interdict.contract;

/**
 * Text from input made safe to print on one log or error line: control characters (C0, DEL, C1), line and
 * paragraph separators and bidirectional-text controls are written as escapes ({@code \n}, {@code \r},
 * {@code \t}, otherwise a backslash-u escape with four hex digits), so a value read from a file or a record can neither start a forged line nor
 * recolour or reorder the terminal's text. Everything else is left as it is.
 */
public final class Printable {
    private Printable() {
    }

    /** {@code s} with its unsafe characters escaped; {@code "null"} for null. */
    public static String escape(String s) {
        if (s == null) {
            return "null";
        }
        int first = 0;
        while (first < s.length() && !unsafe(s.charAt(first))) {
            first++;
        }
        if (first == s.length()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 16).append(s, 0, first);
        for (int i = first; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!unsafe(c)) {
                b.append(c);
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c == '\t') {
                b.append("\\t");
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b.toString();
    }

    /** {@code s} escaped and in double quotes, for a value inside a message: {@code "po-1\n[INFO] x"}. */
    public static String quote(String s) {
        return s == null ? "null" : '"' + escape(s) + '"';
    }

    static boolean unsafe(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) // C0, DEL, C1
                || c == '\u2028' || c == '\u2029' // line and paragraph separators
                || c == '\u061c' || c == '\u200e' || c == '\u200f' // bidi marks
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069'); // embeddings, isolates
    }
}
