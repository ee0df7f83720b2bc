package dev.interdict.serde;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Hides the credentials that URLs may carry ({@code http://user:password@host}) from whatever is printed. */
public final class Urls {
    /** A scheme, then user information up to the last {@code @} before the host (no '/', '?', '#', space or ','). */
    private static final Pattern USER_INFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.\\-]*://)([^/?#\\s,@]*(?:@[^/?#\\s,@]*)*)@");

    private Urls() {
    }

    /**
     * The text with the user information of every URL in it masked: {@code http://user:***@host} when there is a
     * user name, {@code http://***@host} otherwise. Works on a single URL, a comma-separated list and any message that
     * contains URLs; null stays null.
     */
    public static String redact(String text) {
        if (text == null || text.indexOf('@') < 0) {
            return text;
        }
        Matcher m = USER_INFO.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String info = m.group(2);
            int colon = info.indexOf(':');
            String masked = colon > 0 ? info.substring(0, colon) + ":***" : "***";
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + masked + "@"));
        }
        m.appendTail(out);
        return out.toString();
    }
}
