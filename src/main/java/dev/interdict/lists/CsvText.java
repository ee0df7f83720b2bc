package dev.interdict.lists;

import dev.interdict.contract.JsonLines;
import dev.interdict.contract.Rejection;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.function.Consumer;

/**
 * The text of a CSV list file, read whole (lists are a few MB), and where each row is in it.
 * <ul>
 *   <li>A 0x1A (SUB, the old DOS end-of-file mark) as the very last character is dropped: the official OFAC files end
 *       with one, and it is not a row.</li>
 *   <li>From bytes, each line is decoded as UTF-8 on its own: a line that is not UTF-8 is kept (its bad bytes replaced,
 *       so the CSV around it still parses) and the row that holds it is rejected as {@link JsonLines#NOT_UTF8}.</li>
 * </ul>
 */
final class CsvText {
    private static final char SUB = '\u001a';

    final String text;
    private final BitSet notUtf8; // 1-based line numbers
    private final BitSet reported = new BitSet();
    private final int[] lineStarts; // char offset where line i+1 starts

    private CsvText(String text, BitSet notUtf8) {
        this.text = text;
        this.notUtf8 = notUtf8;
        int[] starts = new int[1024];
        int n = 0;
        starts[n++] = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, n);
    }

    static CsvText of(BufferedReader in) throws IOException {
        StringBuilder b = new StringBuilder(1 << 16);
        char[] buf = new char[1 << 16];
        int n;
        while ((n = in.read(buf)) >= 0) {
            b.append(buf, 0, n);
        }
        if (b.length() > 0 && b.charAt(b.length() - 1) == SUB) {
            b.setLength(b.length() - 1);
        }
        if (b.length() > 0 && b.charAt(0) == '\uFEFF') {
            b.deleteCharAt(0); // byte-order mark
        }
        return new CsvText(b.toString(), new BitSet());
    }

    static CsvText of(InputStream in) throws IOException {
        byte[] bytes = in.readAllBytes();
        int len = bytes.length > 0 && bytes[bytes.length - 1] == SUB ? bytes.length - 1 : bytes.length;
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        CharsetDecoder lenient = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        StringBuilder b = new StringBuilder(len);
        BitSet bad = new BitSet();
        int line = 0;
        for (int start = 0; start < len; ) {
            int end = start;
            while (end < len && bytes[end] != '\n') {
                end++;
            }
            end = Math.min(end + 1, len); // with its '\n'
            line++;
            ByteBuffer bb = ByteBuffer.wrap(bytes, start, end - start);
            try {
                b.append(strict.reset().decode(bb));
            } catch (CharacterCodingException e) {
                bad.set(line);
                b.append(lenient.reset().decode(ByteBuffer.wrap(bytes, start, end - start)));
            }
            start = end;
        }
        if (b.length() > 0 && b.charAt(0) == '\uFEFF') {
            b.deleteCharAt(0); // byte-order mark
        }
        return new CsvText(b.toString(), bad);
    }

    /** The 1-based line on which a record starts. */
    long firstLine(CSVRecord r) {
        int i = Arrays.binarySearch(lineStarts, (int) r.getCharacterPosition());
        return (i >= 0 ? i : -i - 2) + 1;
    }

    /**
     * Whether the record read last by {@code parser} (which started on {@code firstLine}) holds a line that is not
     * UTF-8; if so, that line is counted as reported.
     */
    boolean notUtf8(CSVParser parser, long firstLine) {
        long last = Math.max(firstLine, parser.getCurrentLineNumber());
        int bad = notUtf8.nextSetBit((int) firstLine);
        if (bad >= 0 && bad <= last) {
            reported.set((int) firstLine, (int) last + 1);
            return true;
        }
        return false;
    }

    /** Rejects the lines that are not UTF-8 and were in no row (e.g. a blank line, skipped by the CSV parser). */
    void rejectUnreported(String source, Consumer<Rejection> rejected) {
        BitSet left = (BitSet) notUtf8.clone();
        left.andNot(reported);
        left.stream().forEach(l -> rejected.accept(new Rejection(source, l, JsonLines.NOT_UTF8)));
    }
}
