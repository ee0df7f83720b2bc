package dev.interdict.screening.names;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Legal forms of organisations (LLC, OOO, GmbH, Sp. z o.o., ...) from the data table {@code legal-forms.tsv}:
 * recognised at the ends of a name, taken off before its words are compared, and compared as forms.
 */
public final class LegalForms {

    /** One legal form. */
    public record Form(String phrase, String compare, String generic, String family) {
        boolean english() {
            return family.equals(generic);
        }
    }

    /** Compare forms that also stand at the start of a name ({@code OOO Gazprom}, {@code LLC Gazprom}). */
    static final Set<String> PREFIX_FORMS = Set.of("ooo", "ao", "oao", "zao", "pao", "nao", "tov", "pat", "prat",
            "ip", "gup", "fgup", "pt", "jsc", "llc", "kk", "mup", "chup", "ano", "nko", "odo", "too", "fop", "vat",
            "zat", "tdv");

    private static final Map<String, Form> BY_PHRASE = load();
    private static final int MAX_WORDS = BY_PHRASE.keySet().stream().mapToInt(p -> p.split(" ").length).max().orElse(1);
    /** Words a form can end with / begin with: most names end with neither, and then no phrase is built. */
    private static final Set<String> LAST_WORDS = BY_PHRASE.keySet().stream()
            .map(p -> p.substring(p.lastIndexOf(' ') + 1)).collect(java.util.stream.Collectors.toUnmodifiableSet());
    private static final Set<String> FIRST_WORDS = BY_PHRASE.keySet().stream()
            .map(p -> p.split(" ")[0]).collect(java.util.stream.Collectors.toUnmodifiableSet());

    /**
     * The phrases as words, by the first letter of their last word and their number of words ({@link #initialKey}):
     * for forms with a typo or cut short. Every name without a legal form asks for each length, so a phrase of
     * another length is never looked at.
     */
    private static final Map<Integer, List<String[]>> BY_LAST_INITIAL = BY_PHRASE.keySet().stream()
            .map(p -> p.split(" "))
            .collect(java.util.stream.Collectors.groupingBy(w -> initialKey(w[w.length - 1].charAt(0), w.length)));

    private static int initialKey(char initial, int words) {
        return words << 16 | initial;
    }

    private LegalForms() {
    }

    /**
     * The form that the last {@code len} tokens before {@code end} spell with a typo (one letter added, dropped,
     * changed or two swapped, in words of 6 letters or more) or cut short (the last word the start of the form's last
     * word, at least 4 letters; 5 for a form of one word, and
     * only in a name long enough to have been cut): {@code Limted}, {@code Corporatoin}, {@code Joint Stock Compa}.
     */
    static Form fuzzy(String[] tokens, int end, int len, boolean mayBeCut) {
        String last = tokens[end - 1];
        List<String[]> candidates = last.isEmpty() ? null : BY_LAST_INITIAL.get(initialKey(last.charAt(0), len));
        if (candidates == null) {
            return null;
        }
        for (String[] phrase : candidates) {
            if (phrase.length != len) {
                continue;
            }
            boolean fits = true;
            boolean exactWord = false;
            for (int k = 0; k < len && fits; k++) {
                String t = tokens[end - len + k];
                String f = phrase[k];
                if (t.equals(f)) {
                    exactWord = true;
                } else {
                    boolean cut = k == len - 1 && (len > 1 || mayBeCut) && t.length() >= (len == 1 ? 5 : 4)
                            && f.startsWith(t);
                    fits = cut || (t.length() >= 6 && f.length() >= 6 && oneEdit(t, f));
                }
            }
            if (fits && (len == 1 || exactWord)) {
                return BY_PHRASE.get(String.join(" ", phrase));
            }
        }
        return null;
    }

    /** Differ by one letter added, dropped or changed, or by two neighbours swapped. */
    static boolean oneEdit(String a, String b) {
        int la = a.length();
        int lb = b.length();
        if (Math.abs(la - lb) > 1 || a.equals(b)) {
            return false;
        }
        int i = 0;
        while (i < Math.min(la, lb) && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (la == lb) {
            if (a.regionMatches(i + 1, b, i + 1, la - i - 1)) {
                return true; // changed
            }
            return i + 1 < la && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
                    && a.regionMatches(i + 2, b, i + 2, la - i - 2); // swapped
        }
        return la > lb ? a.regionMatches(i + 1, b, i, lb - i) : b.regionMatches(i + 1, a, i, la - i);
    }

    private static Map<String, Form> load() {
        Map<String, Form> m = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                LegalForms.class.getResourceAsStream("legal-forms.tsv")), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] c = line.split("\t");
                if (c.length != 4) {
                    throw new IllegalStateException("legal-forms.tsv: expected 4 columns: " + line);
                }
                String phrase = TextNormalizer.normalize(c[0]);
                m.putIfAbsent(phrase, new Form(phrase, c[1], c[2], c[3]));
                // a form of short words is also written with dots and no spaces: sp j = sp.j. = spj
                String joined = phrase.replace(" ", "");
                if (!joined.equals(phrase) && joined.length() >= 3 && Arrays.stream(phrase.split(" ")).allMatch(w -> w.length() <= 2)) {
                    m.putIfAbsent(joined, new Form(joined, c[1], c[2], c[3]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(m);
    }

    /** The form a normalised phrase names, or null. */
    public static Form lookup(String normalizedPhrase) {
        return BY_PHRASE.get(normalizedPhrase);
    }

    /** Same legal form, or one is the generic English form of the other; {@code weak} forms fit any. */
    public static boolean compatible(Form a, Form b) {
        if (a.family().equals("weak") || b.family().equals("weak") || a.family().equals(b.family())) {
            return true;
        }
        return (a.english() && a.family().equals(b.generic())) || (b.english() && b.family().equals(a.generic()));
    }

    /** A name split into its legal forms and the words that remain. */
    public record Split(List<String> words, List<Form> forms) {
    }

    /** Takes legal forms (and a leading "the") off the ends of a name's tokens; never leaves it empty. */
    public static Split split(String[] tokens) {
        return split(tokens, false);
    }

    /**
     * As {@link #split(String[])}; with {@code mayBeCut} (a name long enough to have been cut by an ERP field) a last
     * word that is the start of a one-word form ({@code Incorp}) is that form too.
     */
    static Split split(String[] tokens, boolean mayBeCut) {
        int start = 0;
        int end = tokens.length;
        List<Form> forms = new ArrayList<>(2);
        boolean changed = true;
        while (changed && end - start > 1) {
            changed = false;
            for (int len = LAST_WORDS.contains(tokens[end - 1]) ? Math.min(MAX_WORDS, end - start - 1) : 0;
                 len >= 1 && !changed; len--) {
                Form f = BY_PHRASE.get(len == 1 ? tokens[end - 1] : String.join(" ", Arrays.copyOfRange(tokens, end - len, end)));
                if (f != null) {
                    forms.add(f);
                    end -= len;
                    changed = true;
                }
            }
            for (int len = Math.min(MAX_WORDS, end - start - 1); len >= 1 && !changed && forms.isEmpty(); len--) {
                Form f = fuzzy(tokens, end, len, mayBeCut);
                if (f != null) {
                    forms.add(f);
                    end -= len;
                    changed = true;
                }
            }
            boolean maybePrefix = FIRST_WORDS.contains(tokens[start]) || tokens[start].equals("the");
            for (int len = maybePrefix ? Math.min(MAX_WORDS, end - start - 1) : 0; len >= 1 && !changed; len--) {
                String phrase = len == 1 ? tokens[start] : String.join(" ", Arrays.copyOfRange(tokens, start, start + len));
                Form f = BY_PHRASE.get(phrase);
                if (f != null && (PREFIX_FORMS.contains(f.compare()) || (len >= 2 && phrase.length() >= 10))) {
                    forms.add(f);
                    start += len;
                    changed = true;
                } else if (len == 1 && phrase.equals("the")) {
                    start++;
                    changed = true;
                }
            }
        }
        return new Split(List.of(Arrays.copyOfRange(tokens, start, end)), List.copyOf(forms));
    }

    /**
     * Replaces legal forms anywhere in a name by their compare form ({@code siemens aktiengesellschaft} →
     * {@code siemens ag}) or, with {@code generic}, their generic English class ({@code ооо газпром} →
     * {@code llc газпром}); other words are only case-folded, in their own script. For explaining and testing.
     */
    public static String replaceCompare(String name, boolean generic) {
        String[] words = name.toLowerCase(Locale.ROOT).trim().split("\\s+");
        String[] keys = new String[words.length];
        for (int i = 0; i < words.length; i++) {
            keys[i] = TextNormalizer.normalize(words[i]).replace(" ", "");
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < words.length) {
            Form found = null;
            int foundLen = 0;
            for (int len = Math.min(MAX_WORDS, words.length - i); len >= 1 && found == null; len--) {
                Form f = BY_PHRASE.get(String.join(" ", Arrays.copyOfRange(keys, i, i + len)));
                if (f != null) {
                    found = f;
                    foundLen = len;
                }
            }
            if (found != null) {
                out.add(generic ? found.generic() : found.compare());
                i += foundLen;
            } else {
                out.add(words[i]);
                i++;
            }
        }
        return String.join(" ", out);
    }

    public static String replaceCompare(String name) {
        return replaceCompare(name, false);
    }
}
