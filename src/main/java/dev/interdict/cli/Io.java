package dev.interdict.cli;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files or standard streams ({@code -}), always UTF-8. */
final class Io {
    private Io() {
    }

    static BufferedReader reader(String file) throws IOException {
        return "-".equals(file)
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
    }

    /** The raw bytes, for readers that decode each line on its own (a bad byte rejects one line, not the file). */
    static InputStream input(String file) throws IOException {
        return new BufferedInputStream("-".equals(file) ? System.in : Files.newInputStream(Path.of(file)), 1 << 16);
    }

    static PrintWriter writer(String file) throws IOException {
        return file == null || "-".equals(file)
                ? new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)), false)
                : new PrintWriter(Files.newBufferedWriter(Path.of(file), StandardCharsets.UTF_8), false);
    }
}
