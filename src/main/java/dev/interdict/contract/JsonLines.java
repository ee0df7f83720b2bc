package dev.interdict.contract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/** Reads JSON Lines: one JSON object per line; blank lines are skipped; line numbers are 1-based. */
public final class JsonLines {
    private JsonLines() {
    }

    /** One non-blank line with its number. */
    public record Line(long number, String text) {
    }

    public static void forEach(BufferedReader in, Consumer<Line> action) {
        try {
            String text;
            long number = 0;
            while ((text = in.readLine()) != null) {
                number++;
                if (number == 1 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
                    text = text.substring(1); // byte-order mark
                }
                if (!text.isBlank()) {
                    action.accept(new Line(number, text));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
