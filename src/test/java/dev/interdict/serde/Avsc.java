package dev.interdict.serde;

import org.apache.avro.Schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The project's {@code schemas/*.avsc} files, as a person registering them by hand has them. */
final class Avsc {
    private Avsc() {
    }

    /** The text of one file, e.g. {@code text("PurchaseOrder")}: named types of other files by name only. */
    static String text(String name) {
        try {
            return Files.readString(Path.of("schemas", name + ".avsc"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last file's schema with the types of the files before it written inline (one self-contained text). */
    static String inlined(String... names) {
        Schema.Parser parser = new Schema.Parser();
        Schema last = null;
        for (String n : names) {
            last = parser.parse(text(n));
        }
        return last.toString();
    }
}
