package dev.interdict.screening.names;

import com.ibm.icu.text.Replaceable;
import com.ibm.icu.text.UTF16;

import java.util.Arrays;

/**
 * The text an ICU transliterator rewrites, kept as a gap buffer: the free space sits where the last replacement was
 * made, so that the next one, a few characters further on, moves only the characters in between.
 *
 * <p>ICU's own {@code Transliterator.transliterate(String)} rewrites a {@code StringBuffer}, and every replacement
 * that changes the length ({@code ж} → {@code zh}) moves the whole rest of the text: time quadratic in the length
 * (400k Cyrillic characters took 5 s). A transliterator walks its text from start to end, once per stage, so here
 * the characters moved over a whole run are linear in the length. The result is the same text: ICU runs the same
 * rules over the same characters and only the storage differs.
 */
final class GapBuffer implements Replaceable {
    private char[] chars;
    /** the gap is {@code chars[gapStart, gapEnd)} */
    private int gapStart;
    private int gapEnd;
    /** characters moved to make room or to follow the edits: the work done besides the replacements themselves */
    private long moved;

    GapBuffer(String text) {
        int n = text.length();
        chars = new char[n + Math.max(16, n / 4)];
        text.getChars(0, n, chars, 0);
        gapStart = n;
        gapEnd = chars.length;
    }

    private int gap() {
        return gapEnd - gapStart;
    }

    long moved() {
        return moved;
    }

    @Override
    public int length() {
        return chars.length - gap();
    }

    @Override
    public char charAt(int offset) {
        if (offset < 0 || offset >= length()) {
            throw new IndexOutOfBoundsException(offset);
        }
        return chars[offset < gapStart ? offset : offset + gap()];
    }

    @Override
    public int char32At(int offset) {
        return UTF16.charAt(this, offset);
    }

    @Override
    public void getChars(int srcStart, int srcLimit, char[] dst, int dstStart) {
        if (srcStart < 0 || srcStart > srcLimit || srcLimit > length()) {
            throw new IndexOutOfBoundsException("[" + srcStart + ", " + srcLimit + ") of " + length());
        }
        int before = Math.max(0, Math.min(srcLimit, gapStart) - srcStart);
        if (before > 0) {
            System.arraycopy(chars, srcStart, dst, dstStart, before);
        }
        int from = Math.max(srcStart, gapStart);
        if (from < srcLimit) {
            System.arraycopy(chars, from + gap(), dst, dstStart + before, srcLimit - from);
        }
    }

    @Override
    public void replace(int start, int limit, String text) {
        int n = text.length();
        prepare(start, limit, n);
        text.getChars(0, n, chars, gapStart);
        gapStart += n;
    }

    @Override
    public void replace(int start, int limit, char[] text, int charsStart, int charsLen) {
        prepare(start, limit, charsLen);
        System.arraycopy(text, charsStart, chars, gapStart, charsLen);
        gapStart += charsLen;
    }

    /** Copies {@code [start, limit)} to {@code dest} (outside that range), inserting it there. */
    @Override
    public void copy(int start, int limit, int dest) {
        char[] text = new char[limit - start];
        getChars(start, limit, text, 0);
        replace(dest, dest, text, 0, text.length);
    }

    @Override
    public boolean hasMetaData() {
        return false;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(length());
        b.append(chars, 0, gapStart);
        b.append(chars, gapEnd, chars.length - gapEnd);
        return b.toString();
    }

    /** Moves the gap to {@code start}, deletes {@code [start, limit)} into it and makes it hold {@code insert} chars. */
    private void prepare(int start, int limit, int insert) {
        if (start < 0 || start > limit || limit > length()) {
            throw new IndexOutOfBoundsException("[" + start + ", " + limit + ") of " + length());
        }
        if (start < gapStart) {
            int n = gapStart - start;
            System.arraycopy(chars, start, chars, gapEnd - n, n);
            gapStart = start;
            gapEnd -= n;
            moved += n;
        } else if (start > gapStart) {
            int n = start - gapStart;
            System.arraycopy(chars, gapEnd, chars, gapStart, n);
            gapStart = start;
            gapEnd += n;
            moved += n;
        }
        gapEnd += limit - start;
        if (gap() < insert) {
            int length = length();
            int after = chars.length - gapEnd;
            char[] grown = Arrays.copyOf(chars, Math.max(chars.length * 2, length + insert + 16));
            System.arraycopy(chars, gapEnd, grown, grown.length - after, after);
            gapEnd = grown.length - after;
            chars = grown;
            moved += after;
        }
    }
}
