package dev.interdict.screening.names;

import java.util.EnumSet;
import java.util.Set;

/**
 * The matching rules (mechanisms of issue #14) that fired for a score: carried as an int bitmask in
 * {@link NameScore#rules()} (cheap on the hot path) and named in every explanation ({@code rules: INITIALS, ...}).
 */
public enum MatchRule {
    /** A word in capitals is the initials of words of the other name ({@code KMW} = {@code Kestrel Marine Works}). */
    INITIALS("initials stand for words of the other name"),
    /** Numbers compared as digits: number words, Roman series numerals, {@code No.} ({@code Forty-Two} = {@code 42}). */
    NUMBER_WORDS("numbers written as words compared as digits"),
    /** A business abbreviation or a word written with a dot ({@code Intl}, {@code Bros.}, {@code Petrochem.}). */
    ABBREVIATION("business abbreviation"),
    /** The matched words stand in a different order. */
    WORD_ORDER("words in another order"),
    /** Legal forms written differently (out in full, another language, a typo or cut inside the form) or in conflict. */
    LEGAL_FORM("legal form written out, with a typo or differing"),
    /** A long name cut short by an ERP field: its last word is the start of the other's word. */
    TRUNCATION("cut short by an ERP field"),
    /** Another script transliterated, a Russian grammatical ending, a generic word in two languages, {@code imeni}. */
    CROSS_SCRIPT("across scripts (transliteration, grammar, bilingual generic word)"),
    /** A word on one side only: at most REVIEW. */
    EXTRA_WORD_CAP("a word on one side only: review at most"),
    /** Only a region or country differs: REVIEW at least. */
    REGION_CAP("only a region differs: review"),
    /** Spacing differs: split or joined words, letters spaced out, a web domain. */
    SPACING("spacing, split word or web domain"),
    /** Evasion normalised away: format characters, compatibility letters (NFKC), homoglyphs of another script. */
    CONFUSABLES("invisible, compatibility or look-alike characters"),
    /** Vendor-master noise around the name: a qualifier, DBA, c/o, alternatives with {@code /}. */
    VENDOR_NOISE("part of a vendor-master name"),
    /** The bare distinctive name against that name with generic words: REVIEW at least. */
    BARE_NAME("bare distinctive name against name plus generic words"),
    /** A transliteration variant of a word ({@code Zhelvinsky}/{@code Jelvinskiy}), singular/plural. */
    SPELLING_VARIANT("spelling variant"),
    /** A typo in a word (Jaro-Winkler): at most REVIEW. */
    TYPO("typo"),
    /** A listed brand as whole words. */
    BRAND("brand as whole words"),
    /** A listed brand (or distinctive name word) as the start of a longer word ({@code ZorvanexOS}): at most REVIEW. */
    BRAND_PREFIX("brand as the start of a word"),
    /** Found in a free-text description: at most REVIEW unless a whole listed name is in it. */
    DESCRIPTION("in a free-text description");

    private final String meaning;

    MatchRule(String meaning) {
        this.meaning = meaning;
    }

    /** A short human-readable meaning, for documentation and {@code names --explain}. */
    public String meaning() {
        return meaning;
    }

    /** This rule's bit in a mask. */
    public int bit() {
        return 1 << ordinal();
    }

    private static final MatchRule[] ALL = values();

    /** The rules of a mask, in declaration order. */
    public static Set<MatchRule> of(int mask) {
        EnumSet<MatchRule> s = EnumSet.noneOf(MatchRule.class);
        for (MatchRule r : ALL) {
            if ((mask & r.bit()) != 0) {
                s.add(r);
            }
        }
        return s;
    }

    /** The rules of a mask as {@code INITIALS, WORD_ORDER}, or {@code none}. */
    public static String names(int mask) {
        if (mask == 0) {
            return "none";
        }
        StringBuilder b = new StringBuilder();
        for (MatchRule r : ALL) {
            if ((mask & r.bit()) != 0) {
                b.append(b.isEmpty() ? "" : ", ").append(r.name());
            }
        }
        return b.toString();
    }

    /** {@code "; rules: ..."} appended to an explanation. */
    static String suffix(int mask) {
        return "; rules: " + names(mask);
    }
}
