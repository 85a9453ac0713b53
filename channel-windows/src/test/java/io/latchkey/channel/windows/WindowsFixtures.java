package io.latchkey.channel.windows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real Windows 10 captures in shared/fixtures/windows (read-only; SOURCE.md there describes
 * them), found beside the project root above the working directory.
 */
public final class WindowsFixtures {
    private static final Path DIR = locate();

    private WindowsFixtures() {
    }

    public static Path dir() {
        return DIR;
    }

    /** A capture file's text, CRLF normalised to LF (the files mix both, SOURCE.md). */
    public static String text(String name) {
        try {
            return Files.readString(DIR.resolve(name), StandardCharsets.US_ASCII).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture " + name + " in " + DIR, e);
        }
    }

    private static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("channel-windows"))) {
                Path fixtures = dir.resolve("../shared/fixtures/windows").normalize();
                if (!Files.isDirectory(fixtures)) {
                    throw new IllegalStateException("The Windows device captures are missing: expected " + fixtures);
                }
                return fixtures;
            }
        }
        throw new IllegalStateException("Cannot find the project root above " + Path.of("").toAbsolutePath());
    }
}
