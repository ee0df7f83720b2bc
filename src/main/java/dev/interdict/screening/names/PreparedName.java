package dev.interdict.screening.names;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A name taken apart once (at put() time for listed names), so that comparing it costs no parsing. */
final class PreparedName {
    private static final Map<String, String> NUMBER_WORDS = Map.ofEntries(
            Map.entry("zero", "0"), Map.entry("one", "1"), Map.entry("two", "2"), Map.entry("three", "3"),
            Map.entry("four", "4"), Map.entry("five", "5"), Map.entry("six", "6"), Map.entry("seven", "7"),
            Map.entry("eight", "8"), Map.entry("nine", "9"), Map.entry("ten", "10"), Map.entry("eleven", "11"),
            Map.entry("twelve", "12"), Map.entry("thirteen", "13"), Map.entry("fourteen", "14"),
            Map.entry("fifteen", "15"), Map.entry("sixteen", "16"), Map.entry("seventeen", "17"),
            Map.entry("eighteen", "18"), Map.entry("nineteen", "19"), Map.entry("twenty", "20"),
            Map.entry("thirty", "30"), Map.entry("forty", "40"), Map.entry("fifty", "50"), Map.entry("sixty", "60"),
            Map.entry("seventy", "70"), Map.entry("eighty", "80"), Map.entry("ninety", "90"),
            Map.entry("hundred", "100"),
            Map.entry("thousand", "1000"), Map.entry("first", "1"), Map.entry("second", "2"), Map.entry("third", "3"),
            Map.entry("fourth", "4"), Map.entry("fifth", "5"), Map.entry("sixth", "6"), Map.entry("seventh", "7"),
            Map.entry("eighth", "8"), Map.entry("ninth", "9"), Map.entry("tenth", "10"), Map.entry("1st", "1"),
            Map.entry("2nd", "2"), Map.entry("3rd", "3"), Map.entry("4th", "4"), Map.entry("5th", "5"),
            Map.entry("ii", "2"), Map.entry("iii", "3"), Map.entry("iv", "4"), Map.entry("vi", "6"),
            Map.entry("vii", "7"), Map.entry("viii", "8"), Map.entry("ix", "9"));
    /** Roman numerals that are numbers only as the last word of a name (a series number: Plant V, Fund XII). */
    private static final Map<String, String> SERIES = Map.ofEntries(Map.entry("v", "5"), Map.entry("x", "10"),
            Map.entry("xi", "11"), Map.entry("xii", "12"), Map.entry("xiii", "13"), Map.entry("xiv", "14"),
            Map.entry("xv", "15"), Map.entry("xvi", "16"), Map.entry("xvii", "17"), Map.entry("xviii", "18"),
            Map.entry("xix", "19"), Map.entry("xx", "20"));
    /** Words that only announce the number after them: Plant No. 9 = Plant Number Nine = Plant 9. */
    private static final Set<String> NUMBER_SIGNS = Set.of("no", "nr", "number", "num", "numero", "nomer");
    /** A web domain written for the company: kaspersky.com, www.gazprom.ru. */
    private static final Pattern DOMAIN = Pattern.compile("(?iU)(?<![\\w.])(?:https?://)?(?:www\\.)?(\\w[\\w-]+)"
            + "\\.(?:com|net|org|info|biz|io|co|ai|app|online|ru|su|by|kz|ua|de|at|ch|fr|it|es|pt|br|nl|be|pl|cz|sk"
            + "|hu|ro|tr|se|no|dk|fi|uk|us|cn|hk|sg|jp|kr|in|ir|ae|eu|ca|au)(?:\\.[a-z]{2})?(?:/\\S*)?(?![\\w.])");
    /** Names at least this long may have been cut by an ERP field (35 or 40 characters): the last word may be cut. */
    static final int TRUNCATION_LENGTH = 30;

    final String original;
    /** {@code TextNormalizer.normalize(original)} once asked (explanations only: a listed name does not keep it) */
    private volatile String normalizedOriginal;
    /** how the original is written, for explanations: 0 not yet known, else 1 + (evasive ? 2 : 0) + (other script ? 4 : 0) */
    private volatile int written;
    /** all tokens, normalised, joined without spaces: equal for {@code JSC ARGUMENT} and {@code JSCARGUMENT} */
    final String squashed;
    /** every token with abbreviations rewritten, legal forms included (for initials) */
    final String[] tokens;
    /** the words left after legal forms and numbers are taken off */
    final String[] words;
    final String[] skeletons;
    /** the words without Russian grammatical endings */
    final String[] stems;
    /** per word: the meaning of a generic word (zavod → plant), or null */
    final String[] meanings;
    /** per word: a function word (of, the, and ...) */
    final boolean[] stop;
    /** per word: not the distinctive part of a name ({@link NameWords#generic}) */
    final boolean[] generic;
    /** per word: a region or country ({@link NameWords#region}) */
    final boolean[] region;
    /** per word: written in capitals of 3 to 6 letters in a name that is not all capitals or is one word (initials) */
    final boolean[] acronym;
    /** per word: written with a dot after it (an abbreviation: Elec.) */
    final boolean[] dotted;
    /** the original is long enough to have been cut by an ERP: its last word may be the start of a word */
    final boolean mayBeTruncated;
    /** the core words joined without spaces ({@code aero caribbean} = {@code aerocaribbean}) */
    final String coreSquashed;
    final List<LegalForms.Form> forms;
    /** the numbers in the name, canonical and sorted, joined by spaces ("" when none) */
    final String numbers;

    /**
     * {@link MatchRule}s the preparation itself applied (a domain or spaced letters: SPACING; number words:
     * NUMBER_WORDS; an abbreviation rewritten: ABBREVIATION; imeni dropped or a BGN ending: CROSS_SCRIPT). The scorer
     * names them when the two names were not written alike.
     */
    final int rules;

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

    /** The original normalised (as {@link TextNormalizer#normalize}), computed at most once per name. */
    String normalizedOriginal() {
        String n = normalizedOriginal;
        if (n == null) {
            n = TextNormalizer.normalize(original);
            normalizedOriginal = n;
        }
        return n;
    }

    /** {@link TextNormalizer#evasive} of the original, computed at most once per name. */
    boolean evasive() {
        return (written() & 2) != 0;
    }

    /** {@link TextNormalizer#otherScript} of the original, computed at most once per name. */
    boolean otherScript() {
        return (written() & 4) != 0;
    }

    private int written() {
        int w = written;
        if (w == 0) {
            w = 1 | (TextNormalizer.evasive(original) ? 2 : 0) | (TextNormalizer.otherScript(original) ? 4 : 0);
            written = w;
        }
        return w;
    }

    PreparedName(String original) {
        this.original = original;
        String text = original;
        int[] rules = new int[1];
        if (text != null && mayHaveDomain(text)) {
            Matcher m = DOMAIN.matcher(TextNormalizer.screened(text));
            if (m.find()) {
                text = m.replaceAll("$1");
                rules[0] |= MatchRule.SPACING.bit();
            }
        }
        this.mayBeTruncated = text != null && text.length() >= TRUNCATION_LENGTH;
        String[] tokens = tokensOf(TextNormalizer.normalize(text), rules);
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = WordInfo.of(tokens[i]).word(); // one instance per distinct token, shared by every name
        }
        this.tokens = tokens;
        this.squashed = tokens.length == 1 ? tokens[0] : String.join("", tokens);
        LegalForms.Split split = LegalForms.split(tokens, mayBeTruncated);
        this.forms = split.forms();
        List<String> w = new ArrayList<>(split.words().size());
        List<String> nums = new ArrayList<>(1);
        for (int i = 0; i < split.words().size(); i++) {
            String t = split.words().get(i);
            String n = number(t);
            if (n == null && i == split.words().size() - 1 && i > 0) {
                n = SERIES.get(t);
            }
            if (n != null && split.words().size() > 1) {
                nums.add(n);
                if (!Character.isDigit(t.charAt(0))) {
                    rules[0] |= MatchRule.NUMBER_WORDS.bit();
                }
            } else if (!(NUMBER_SIGNS.contains(t) && i + 1 < split.words().size()
                    && number(split.words().get(i + 1)) != null)) {
                w.add(t);
            } else {
                rules[0] |= MatchRule.NUMBER_WORDS.bit(); // No. 7
            }
        }
        this.rules = rules[0];
        nums.sort(null);
        this.numbers = nums.isEmpty() ? "" : String.join(" ", nums);
        this.words = w.toArray(String[]::new);
        this.skeletons = new String[words.length];
        long[] skMasks = new long[words.length]; // kept in the cells
        this.stems = new String[words.length];
        this.meanings = new String[words.length];
        this.stop = new boolean[words.length];
        this.generic = new boolean[words.length];
        this.region = new boolean[words.length];
        StringBuilder core = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            WordInfo info = WordInfo.of(words[i]);
            words[i] = info.word(); // one instance per distinct word, shared by every name that holds it
            skeletons[i] = info.skeleton();
            skMasks[i] = info.mask();
            stems[i] = info.stem();
            meanings[i] = info.meaning();
            stop[i] = info.stop();
            generic[i] = info.generic();
            region[i] = info.region();
            core.append(words[i]);
        }
        this.coreSquashed = core.length() == squashed.length() && squashed.contentEquals(core) ? squashed
                : words.length == 1 ? words[0] : core.toString();
        this.acronym = new boolean[words.length];
        this.dotted = new boolean[words.length];
        if (text != null && words.length > 0) {
            markWritten(TextNormalizer.screened(text));
        }
        this.cells = new int[words.length * CELL];
        for (int i = 0; i < words.length; i++) {
            int at = i * CELL;
            cells[at] = words[i].hashCode();
            cells[at + 1] = skeletons[i].hashCode();
            cells[at + 2] = stems[i].hashCode();
            cells[at + 3] = words[i].length();
            cells[at + 4] = skeletons[i].length();
            boolean mayBePrefix = dotted[i] || (mayBeTruncated && i == words.length - 1);
            cells[at + 5] = (mayBePrefix ? PREFIX : 0) | (meanings[i] != null ? MEANING : 0)
                    | (acronym[i] ? ACRONYM : 0) | (stop[i] ? STOP : 0) | (generic[i] ? GENERIC : 0)
                    | (words[i].endsWith("s") ? ENDS_S : 0);
            cells[at + 6] = (int) skMasks[i];
            cells[at + 7] = (int) (skMasks[i] >>> 32);
        }
        this.squashedHash = squashed.hashCode();
        this.coreHash = coreSquashed.hashCode();
        this.numbersHash = numbers.isEmpty() ? 0 : numbers.hashCode() | 1;
    }

    /** Ints per word in {@link #cells}. */
    static final int CELL = 8;
    /** Flags of a word in {@link #cells}: may be the start of the other's word (dotted, or cut short). */
    static final int PREFIX = 1;
    /** Flag: has a generic meaning ({@link #meanings}). */
    static final int MEANING = 2;
    /** Flags: {@link #acronym}, {@link #stop}, {@link #generic}. */
    static final int ACRONYM = 4;
    static final int STOP = 8;
    static final int GENERIC = 16;
    /** Flag: the word ends in s (it may be the plural of a word one letter shorter). */
    static final int ENDS_S = 32;
    /**
     * Per word, side by side in one array: the hashes of the word, its skeleton and its stem, the lengths of the word
     * and its skeleton, flags ({@link #PREFIX}, {@link #MEANING}, {@link #ACRONYM}, {@link #STOP}, {@link #GENERIC}, {@link #ENDS_S})
     * and the skeleton's character mask (two ints). {@link NameScorer} tells most unrelated word pairs, and most
     * candidates that cannot reach a review score, apart from these alone, without reading either name's strings or
     * other arrays (for a listed name met by a query, each object read is a cache miss).
     */
    final int[] cells;
    /** Hashes of {@link #squashed} and {@link #coreSquashed}, and of {@link #numbers} (0: none), held here for the same reason. */
    final int squashedHash;
    final int coreHash;
    final int numbersHash;

    /** The characters of word {@code word}'s skeleton as bits ({@link JaroWinkler#mask}), from {@link #cells}. */
    static long mask(int[] cells, int word) {
        int at = word * CELL;
        return (cells[at + 6] & 0xffffffffL) | ((long) cells[at + 7] << 32);
    }

    /**
     * The tokens of a normalised text as names are compared: letters written one by one joined, abbreviations
     * rewritten, number words written in two joined, BGN's {@code -yy} made {@code -y}. {@code rules[0]} gets the
     * {@link MatchRule}s applied.
     */
    static String[] tokensOf(String normalized, int[] rules) {
        String[] raw = TextNormalizer.tokens(normalized);
        String[] letters = NameWords.lettersJoined(raw);
        if (letters != raw) {
            rules[0] |= MatchRule.SPACING.bit();
        }
        String[] rewritten = NameWords.rewrite(letters, rules);
        String[] tokens = numbersJoined(rewritten);
        if (tokens != rewritten) {
            rules[0] |= MatchRule.NUMBER_WORDS.bit();
        }
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i].length() >= 5 && tokens[i].endsWith("yy")) {
                tokens[i] = tokens[i].substring(0, tokens[i].length() - 1); // BGN's -yy (ый) = the usual -y
                rules[0] |= MatchRule.CROSS_SCRIPT.bit();
            }
        }
        return tokens;
    }

    /**
     * Whether a legal form was recognised with a typo or cut short (its phrase is not among the tokens as written).
     * For explanations only.
     */
    boolean formWrittenOtherwise() {
        if (forms.isEmpty()) {
            return false;
        }
        String joined = " " + String.join(" ", tokens) + " ";
        for (LegalForms.Form f : forms) {
            if (!joined.contains(" " + f.phrase() + " ")) {
                return true;
            }
        }
        return false;
    }

    /** Cheap test before the domain pattern: a dot between a letter or digit and 2 to 6 letters that end the word. */
    static boolean mayHaveDomain(String text) {
        int n = Math.min(text.length(), TextNormalizer.MAX_CHARS);
        for (int i = 1; i < n - 2; i++) {
            if (text.charAt(i) == '.' && Character.isLetterOrDigit(text.charAt(i - 1))) {
                int j = i + 1;
                while (j < n && Character.isLetter(text.charAt(j))) {
                    j++;
                }
                if (j - i - 1 >= 2 && j - i - 1 <= 6 && (j == n || !Character.isLetterOrDigit(text.charAt(j)))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Marks the words written in capitals (initials) or followed by a dot (abbreviations) in the original. */
    private void markWritten(String text) {
        Set<String> caps = null;
        Set<String> dots = null;
        int i = 0;
        int n = text.length();
        while (i < n) {
            if (!Character.isLetter(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            boolean upper = true;
            while (i < n && Character.isLetter(text.charAt(i))) {
                char c = text.charAt(i);
                upper &= c >= 'A' && c <= 'Z';
                i++;
            }
            int len = i - start;
            if (upper && len >= 3 && len <= 6) {
                (caps == null ? caps = new HashSet<>(2) : caps).add(text.substring(start, i).toLowerCase(java.util.Locale.ROOT));
            }
            if (len >= 2 && i < n && text.charAt(i) == '.' && (i + 1 == n || !Character.isLetter(text.charAt(i + 1)))) {
                String w = text.substring(start, i);
                (dots == null ? dots = new HashSet<>(2) : dots).add(TextNormalizer.isAscii(w) ? w.toLowerCase(java.util.Locale.ROOT)
                        : TextNormalizer.transliterate(w).toLowerCase(java.util.Locale.ROOT));
            }
        }
        // in a name written all in capitals (as most lists are) capitals say nothing, unless it is one word
        boolean lower = false;
        for (int k = 0; k < text.length() && !lower; k++) {
            lower = Character.isLowerCase(text.charAt(k));
        }
        if (!lower && words.length > 1) {
            caps = null;
        }
        for (int k = 0; k < words.length; k++) {
            acronym[k] = caps != null && caps.contains(words[k]);
            dotted[k] = dots != null && dots.contains(words[k]);
        }
    }

    /** Number words written in two words or with a hyphen (twenty one, twenty-one) joined into one number. */
    static String[] numbersJoined(String[] tokens) {
        List<String> out = null;
        for (int i = 0; i < tokens.length; i++) {
            String tens = NUMBER_WORDS.get(tokens[i]);
            String units = i + 1 < tokens.length ? NUMBER_WORDS.get(tokens[i + 1]) : null;
            if (tens != null && units != null && tens.length() == 2 && tens.endsWith("0") && !tens.equals("10")
                    && units.length() == 1 && !units.equals("0") && !tokens[i + 1].startsWith("i")
                    && !tokens[i + 1].startsWith("v")) {
                if (out == null) {
                    out = new ArrayList<>(List.of(tokens).subList(0, i));
                }
                out.add(String.valueOf(Integer.parseInt(tens) + Integer.parseInt(units)));
                i++;
            } else if (out != null) {
                out.add(tokens[i]);
            }
        }
        return out == null ? tokens : out.toArray(String[]::new);
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
