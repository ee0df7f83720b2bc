package dev.interdict.screening.names;

import com.ibm.icu.util.ULocale;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The word tables of the matcher: business abbreviations ({@code abbreviations.tsv}, rewritten to one spelling),
 * generic words that mean the same in other languages ({@code generic-words.tsv}, a near match), region and country
 * words ({@code regions.tsv} plus every country's English and native name from ICU), function words, and Russian and
 * Ukrainian grammatical endings.
 */
final class NameWords {
    /** Function words: never distinctive, never "an extra word". */
    static final Set<String> STOP = Set.of("and", "of", "the", "for", "de", "la", "del", "des", "du", "le", "di", "da",
            "do", "van", "von", "al", "el", "y", "e", "et", "und", "i", "on", "in", "at", "to", "a", "an", "s", "z",
            "w", "na", "po", "pod");

    private static final Map<String, String> ABBREVIATIONS = new HashMap<>();
    private static final Set<String> ABBREVIATION_FIRST_WORDS = new HashSet<>();
    private static int abbreviationMaxWords = 1;
    /** generic word or phrase (joined by spaces) → its meaning */
    private static final Map<String, String> GENERIC = new HashMap<>();
    private static final Set<String> GENERIC_FIRST_WORDS = new HashSet<>();
    private static final Set<String> REGIONS = new HashSet<>();

    static {
        read("abbreviations.tsv", c -> {
            String variant = TextNormalizer.normalize(c[0]);
            ABBREVIATIONS.put(variant, c[1].equals("-") ? "" : TextNormalizer.normalize(c[1]));
            String[] w = variant.split(" ");
            ABBREVIATION_FIRST_WORDS.add(w[0]);
            abbreviationMaxWords = Math.max(abbreviationMaxWords, w.length);
        }, 2);
        read("generic-words.tsv", c -> {
            for (String v : c[1].split(" ")) {
                String phrase = TextNormalizer.normalize(v.replace('_', ' '));
                GENERIC.put(phrase, c[0]);
                if (phrase.contains(" ")) {
                    GENERIC_FIRST_WORDS.add(phrase.substring(0, phrase.indexOf(' ')));
                }
            }
        }, 2);
        read("regions.tsv", c -> REGIONS.add(TextNormalizer.normalize(c[0])), 1);
        for (ULocale l : ULocale.getAvailableLocales()) {
            String country = l.getCountry();
            if (country.isEmpty()) {
                continue;
            }
            addRegionWords(l.getDisplayCountry(ULocale.ENGLISH));
            String script = ULocale.addLikelySubtags(l).getScript();
            if (script.equals("Latn") || script.equals("Cyrl")) {
                addRegionWords(l.getDisplayCountry(l));
            }
        }
        REGIONS.removeAll(STOP);
    }

    private NameWords() {
    }

    private static void addRegionWords(String countryName) {
        for (String w : TextNormalizer.tokens(TextNormalizer.normalize(countryName))) {
            if (w.length() >= 3) {
                REGIONS.add(w);
            }
        }
    }

    private static void read(String resource, Consumer<String[]> row, int columns) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                NameWords.class.getResourceAsStream(resource)), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] c = line.split("\t");
                if (c.length != columns) {
                    throw new IllegalStateException(resource + ": expected " + columns + " columns: " + line);
                }
                row.accept(c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The tokens with business abbreviations written one way ({@code intl} → {@code international}, {@code u s} →
     * {@code usa}), generic phrases joined into one word ({@code gruppa kompaniy} → {@code gruppa_kompaniy}) and
     * dropped words ({@code imeni}) left out. Returns the same array when nothing changes (the common case).
     */
    static String[] rewrite(String[] tokens) {
        return rewrite(tokens, null);
    }

    /**
     * As {@link #rewrite(String[])}; {@code rules[0]} (when given) gets {@link MatchRule#ABBREVIATION} for an
     * abbreviation rewritten and {@link MatchRule#CROSS_SCRIPT} for a word dropped ({@code imeni}).
     */
    static String[] rewrite(String[] tokens, int[] rules) {
        List<String> out = null;
        for (int i = 0; i < tokens.length; ) {
            String replacement = null;
            int used = 0;
            if (ABBREVIATION_FIRST_WORDS.contains(tokens[i])) {
                for (int len = Math.min(abbreviationMaxWords, tokens.length - i); len >= 1 && replacement == null; len--) {
                    String phrase = len == 1 ? tokens[i] : String.join(" ", java.util.Arrays.copyOfRange(tokens, i, i + len));
                    String r = ABBREVIATIONS.get(phrase);
                    if (r != null) {
                        replacement = r;
                        used = len;
                        if (rules != null) {
                            rules[0] |= r.isEmpty() ? MatchRule.CROSS_SCRIPT.bit() : MatchRule.ABBREVIATION.bit();
                        }
                    }
                }
            }
            if (replacement == null && GENERIC_FIRST_WORDS.contains(tokens[i]) && i + 1 < tokens.length
                    && GENERIC.containsKey(tokens[i] + " " + tokens[i + 1])) {
                replacement = tokens[i] + "_" + tokens[i + 1];
                used = 2;
            }
            if (replacement == null) {
                if (out != null) {
                    out.add(tokens[i]);
                }
                i++;
                continue;
            }
            if (out == null) {
                out = new ArrayList<>(tokens.length);
                for (int k = 0; k < i; k++) {
                    out.add(tokens[k]);
                }
            }
            for (String w : TextNormalizer.tokens(replacement)) {
                out.add(w);
            }
            i += used;
        }
        return out == null ? tokens : out.toArray(String[]::new);
    }

    /**
     * Letters written one by one ({@code K A S P E R S K Y}: three or more words of one letter in a row) joined into
     * one word. Returns the same array when there are none.
     */
    static String[] lettersJoined(String[] tokens) {
        List<String> out = null;
        for (int i = 0; i < tokens.length; ) {
            int j = i;
            while (j < tokens.length && tokens[j].length() == 1 && Character.isLetter(tokens[j].charAt(0))) {
                j++;
            }
            if (j - i >= 3) {
                if (out == null) {
                    out = new ArrayList<>(List.of(tokens).subList(0, i));
                }
                out.add(String.join("", java.util.Arrays.copyOfRange(tokens, i, j)));
                i = j;
            } else {
                if (out != null) {
                    out.add(tokens[i]);
                }
                i++;
            }
        }
        return out == null ? tokens : out.toArray(String[]::new);
    }

    /** The meaning of a generic word ({@code zavod} → {@code plant}), or null. */
    static String meaning(String word) {
        return GENERIC.get(word.indexOf('_') >= 0 ? word.replace('_', ' ') : word);
    }

    static boolean region(String word) {
        return REGIONS.contains(word);
    }

    /** Not the distinctive part of a name: a function word, a word common in company names, a generic word, a region. */
    static boolean generic(String word) {
        return STOP.contains(word) || TokenStats.COMMON.contains(word) || GENERIC.containsKey(word)
                || word.indexOf('_') >= 0 || REGIONS.contains(word) || LegalForms.lookup(word) != null;
    }

    private static final String[] ENDINGS = {"ogo", "ovo", "ego", "evo", "aya", "oye", "oe", "yy", "iy", "ii", "yi",
            "ij", "y", "i", "a", "u"};

    /**
     * A Russian or Ukrainian word (transliterated) without its grammatical ending: genitive {@code -ogo/-a},
     * adjectival {@code -yy/-iy/-aya/-oye} ({@code petrovskogo}, {@code petrovskiy}, {@code petrovsky} →
     * {@code petrovsk}); the word itself when it is shorter than 5 letters or would keep fewer than 4.
     */
    static String stem(String word) {
        if (word.length() < 5) {
            return word;
        }
        for (String e : ENDINGS) {
            if (word.endsWith(e) && word.length() - e.length() >= 4) {
                return word.substring(0, word.length() - e.length());
            }
        }
        return word;
    }
}
