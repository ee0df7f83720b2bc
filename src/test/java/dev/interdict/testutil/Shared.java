package dev.interdict.testutil;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared data folder beside the project root ({@code ../shared}); tests that need it skip when it is absent. */
public final class Shared {
    public static final Path ROOT = Path.of("..", "shared");

    private Shared() {
    }

    public static Path file(String relative) {
        Path p = ROOT.resolve(relative);
        Assumptions.assumeTrue(Files.isReadable(p),
                "skipped: " + p.toAbsolutePath().normalize() + " is absent (the shared data folder must sit beside the project)");
        return p;
    }
}
