package io.latchkey.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * A bench's working directory (its data directory, database files, stand-ins' keys), removed when the
 * bench's JVM exits, however it exits short of a kill: a 100,000-device run leaves gigabytes, and
 * earlier runs filled this machine's disk with them. {@code LATCHKEY_BENCH_KEEP=1} keeps it to look at.
 */
final class BenchDirectory {
    private BenchDirectory() {
    }

    static Path create(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        if (!"1".equals(System.getenv("LATCHKEY_BENCH_KEEP"))) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir), "delete " + dir.getFileName()));
        }
        return dir;
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
