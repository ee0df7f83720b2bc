package dev.interdict.contract;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Function;

/** Reads JSON Lines: one JSON object per line; blank lines are skipped; line numbers are 1-based. */
public final class JsonLines {
    /** The error of a line that is not UTF-8, as printed after {@code FILE:LINE: }. */
    public static final String NOT_UTF8 = "not valid UTF-8";

    private JsonLines() {
    }

    /**
     * One non-blank line with its number.
     *
     * @param text  the line, or null when it could not be decoded
     * @param error why it could not be decoded ({@link #NOT_UTF8}), or null
     */
    public record Line(long number, String text, String error) {
        public Line(long number, String text) {
            this(number, text, null);
        }

        public boolean decoded() {
            return error == null;
        }
    }

    /** Lines of an already decoded text; every line given to {@code action} is {@link Line#decoded()}. */
    public static void forEach(BufferedReader in, Consumer<Line> action) {
        try {
            String text;
            long number = 0;
            while ((text = in.readLine()) != null) {
                number++;
                if (number == 1) {
                    text = withoutByteOrderMark(text);
                }
                if (!text.isBlank()) {
                    action.accept(new Line(number, text));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Lines of UTF-8 bytes, split at {@code \n} (a {@code \r} before it is dropped) and each decoded on its own: a line
     * that is not valid UTF-8 is given to {@code action} with {@link Line#error()} set, and the lines after it are read
     * as usual.
     */
    /** What to do with one line parsed as JSON; a {@link ContractException} or IllegalArgumentException rejects it. */
    @FunctionalInterface
    public interface ObjectHandler {
        void accept(JsonNode object, long line);
    }

    /**
     * Each line of UTF-8 bytes parsed as JSON ({@link JsonContract#parse}) and handed to {@code handler}; a line that
     * is not UTF-8 or not JSON, or that the handler refuses (a {@link ContractException} or an
     * IllegalArgumentException), is a rejection naming the file and line, with the record's id as {@code idOf}
     * finds it (null when it has none).
     */
    public static void forEachObject(InputStream in, String sourceName, Consumer<Rejection> rejected,
                                     Function<JsonNode, String> idOf, ObjectHandler handler) {
        forEach(in, objects(sourceName, rejected, idOf, handler));
    }

    /** As {@link #forEachObject(InputStream, String, Consumer, Function, ObjectHandler)}, from text already decoded. */
    public static void forEachObject(BufferedReader in, String sourceName, Consumer<Rejection> rejected,
                                     Function<JsonNode, String> idOf, ObjectHandler handler) {
        forEach(in, objects(sourceName, rejected, idOf, handler));
    }

    private static Consumer<Line> objects(String sourceName, Consumer<Rejection> rejected, Function<JsonNode, String> idOf,
                                          ObjectHandler handler) {
        return line -> {
            if (!line.decoded()) {
                rejected.accept(new Rejection(sourceName, line.number(), line.error()));
                return;
            }
            JsonNode n = null;
            try {
                n = JsonContract.parse(line.text());
                handler.accept(n, line.number());
            } catch (ContractException | IllegalArgumentException e) {
                rejected.accept(new Rejection(sourceName, line.number(), e.getMessage(), n == null ? null : idOf.apply(n)));
            }
        };
    }

    public static void forEach(InputStream in, Consumer<Line> action) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        byte[] buf = new byte[64 * 1024];
        byte[] line = new byte[1024];
        int len = 0;
        long number = 0;
        try {
            int n;
            boolean pending = false;
            while ((n = in.read(buf)) >= 0) {
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        line = append(line, len, buf, start, i - start);
                        len += i - start;
                        emit(++number, line, len, utf8, action);
                        len = 0;
                        start = i + 1;
                        pending = false;
                    }
                }
                if (start < n) {
                    line = append(line, len, buf, start, n - start);
                    len += n - start;
                    pending = true;
                }
            }
            if (pending) {
                emit(++number, line, len, utf8, action);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] append(byte[] line, int len, byte[] from, int start, int count) {
        if (len + count > line.length) {
            line = Arrays.copyOf(line, Math.max(len + count, line.length * 2));
        }
        System.arraycopy(from, start, line, len, count);
        return line;
    }

    private static void emit(long number, byte[] bytes, int len, CharsetDecoder utf8, Consumer<Line> action) {
        if (len > 0 && bytes[len - 1] == '\r') {
            len--;
        }
        String text;
        try {
            text = utf8.reset().decode(ByteBuffer.wrap(bytes, 0, len)).toString();
        } catch (CharacterCodingException e) {
            action.accept(new Line(number, null, NOT_UTF8));
            return;
        }
        if (number == 1) {
            text = withoutByteOrderMark(text);
        }
        if (!text.isBlank()) {
            action.accept(new Line(number, text));
        }
    }

    private static String withoutByteOrderMark(String text) {
        return !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
    }
}
