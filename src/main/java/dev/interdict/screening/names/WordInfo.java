package dev.interdict.screening.names;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the scorer needs to know of one normalised word — its spelling skeleton and that skeleton's character mask,
 * its stem without a Russian grammatical ending, its generic meaning, and whether it is a function word, a generic
 * word or a region — derived once per distinct word rather than once per name that holds it.
 *
 * <p>Every field is a pure function of the word, so the memo changes no answer: it only saves work (the same words
 * recur across the names of a list and across the names of a stream) and memory (the names of a large list share
 * one instance of each word and its derivations). It is bounded: when it holds {@value #LIMIT} words it starts again.
 */
record WordInfo(String word, String skeleton, long mask, String stem, String meaning, boolean stop, boolean generic,
                boolean region) {
    static final int LIMIT = 500_000;
    private static final Map<String, WordInfo> MEMO = new ConcurrentHashMap<>();

    static WordInfo of(String word) {
        WordInfo info = MEMO.get(word);
        if (info == null) {
            info = derive(word);
            if (MEMO.size() >= LIMIT) {
                MEMO.clear();
            }
            WordInfo raced = MEMO.putIfAbsent(word, info);
            if (raced != null) {
                info = raced;
            }
        }
        return info;
    }

    static WordInfo derive(String word) {
        String skeleton = TextNormalizer.skeleton(word);
        String stem = NameWords.stem(word);
        return new WordInfo(word, skeleton.equals(word) ? word : skeleton, JaroWinkler.mask(skeleton),
                stem.equals(word) ? word : stem, NameWords.meaning(word), NameWords.STOP.contains(word),
                NameWords.generic(word), NameWords.region(word));
    }
}
