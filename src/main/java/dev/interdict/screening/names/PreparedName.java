package dev.interdict.screening.names;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A name taken apart once (at put() time for listed names), so that comparing it costs no parsing. */
final class PreparedName {
    private static final Map<String, String> NUMBER_WORDS = Map.ofEntries(
            Map.entry("zero", "0"), Map.entry("one", "1"), Map.entry("two", "2"), Map.entry("three", "3"),
            Map.entry("four", "4"), Map.entry("five", "5"), Map.entry("six", "6"), Map.entry("seven", "7"),
            Map.entry("eight", "8"), Map.entry("nine", "9"), Map.entry("ten", "10"), Map.entry("eleven", "11"),
            Map.entry("twelve", "12"), Map.entry("thirteen", "13"), Map.entry("fourteen", "14"),
            Map.entry("fifteen", "15"), Map.entry("sixteen", "16"), Map.entry("seventeen", "17"),
            Map.entry("eighteen", "18"), Map.entry("nineteen", "19"), Map.entry("twenty", "20"),
            Map.entry("thirty", "30"), Map.entry("forty", "40"), Map.entry("fifty", "50"), Map.entry("hundred", "100"),
            Map.entry("thousand", "1000"), Map.entry("first", "1"), Map.entry("second", "2"), Map.entry("third", "3"),
            Map.entry("fourth", "4"), Map.entry("fifth", "5"), Map.entry("sixth", "6"), Map.entry("seventh", "7"),
            Map.entry("eighth", "8"), Map.entry("ninth", "9"), Map.entry("tenth", "10"), Map.entry("1st", "1"),
            Map.entry("2nd", "2"), Map.entry("3rd", "3"), Map.entry("4th", "4"), Map.entry("5th", "5"),
            Map.entry("ii", "2"), Map.entry("iii", "3"), Map.entry("iv", "4"), Map.entry("vi", "6"),
            Map.entry("vii", "7"), Map.entry("viii", "8"), Map.entry("ix", "9"));

    final String original;
    /** all tokens, normalised, joined without spaces: equal for {@code JSC ARGUMENT} and {@code JSCARGUMENT} */
    final String squashed;
    /** the words left after legal forms and numbers are taken off */
    final String[] words;
    final String[] skeletons;
    /** the core words joined without spaces ({@code aero caribbean} = {@code aerocaribbean}) */
    final String coreSquashed;
    final List<LegalForms.Form> forms;
    /** the numbers in the name, canonical and sorted, joined by spaces ("" when none) */
    final String numbers;

    /** word weights and the statistics version they were computed at; recomputed when the list changes */
    private volatile Weights weights;

    private record Weights(long version, double[] values) {
    }

    double[] weights(TokenStats stats) {
        Weights w = weights;
        long v = stats.version();
        if (w == null || w.version() != v) {
            double[] values = new double[words.length];
            for (int i = 0; i < words.length; i++) {
                values[i] = stats.weight(words[i]);
            }
            w = new Weights(v, values);
            weights = w;
        }
        return w.values();
    }

    PreparedName(String original) {
        this.original = original;
        String normalized = TextNormalizer.normalize(original);
        String[] tokens = TextNormalizer.tokens(normalized);
        this.squashed = normalized.replace(" ", "");
        LegalForms.Split split = LegalForms.split(tokens);
        this.forms = split.forms();
        List<String> w = new ArrayList<>(split.words().size());
        List<String> nums = new ArrayList<>(1);
        for (String t : split.words()) {
            String n = number(t);
            if (n != null && split.words().size() > 1) {
                nums.add(n);
            } else {
                w.add(t);
            }
        }
        nums.sort(null);
        this.numbers = String.join(" ", nums);
        this.words = w.toArray(String[]::new);
        this.skeletons = new String[words.length];
        StringBuilder core = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            skeletons[i] = TextNormalizer.skeleton(words[i]);
            core.append(words[i]);
        }
        this.coreSquashed = core.toString();
    }

    static String number(String token) {
        boolean digits = !token.isEmpty();
        for (int i = 0; i < token.length() && digits; i++) {
            digits = Character.isDigit(token.charAt(i));
        }
        if (digits) {
            int i = 0;
            while (i < token.length() - 1 && token.charAt(i) == '0') {
                i++;
            }
            return token.substring(i);
        }
        return NUMBER_WORDS.get(token);
    }
}
