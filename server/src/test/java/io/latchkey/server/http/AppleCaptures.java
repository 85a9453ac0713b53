package io.latchkey.server.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real device captures in shared/fixtures/apple, read-only, beside the project root. */
final class AppleCaptures {
    static final Path DIR = locate();

    private AppleCaptures() {
    }

    static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(DIR.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the capture " + name + " in " + DIR, e);
        }
    }

    /** The project root is found above the working directory (the module's, under Maven). */
    private static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("server"))) {
                Path captures = dir.resolve("../shared/fixtures/apple").normalize();
                if (Files.isDirectory(captures)) {
                    return captures;
                }
            }
        }
        throw new IllegalStateException("no ../shared/fixtures/apple beside the project root above "
                + Path.of("").toAbsolutePath());
    }
}
