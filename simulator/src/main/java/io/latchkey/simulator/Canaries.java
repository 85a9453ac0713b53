package io.latchkey.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Secrets the simulated devices see (UnlockTokens, PINs, temporary passcodes), written to the file
 * named by the system property {@value #PROPERTY} when a test run sets it, so that the log scan after
 * the suite (scripts/scan-logs.sh) can look for every one of them in every log. Does nothing
 * otherwise: the demo and the benchmarks never set it.
 */
public final class Canaries {
    public static final String PROPERTY = "latchkey.test.canaries";

    private Canaries() {
    }

    public static void note(String kind, String value) {
        String file = System.getProperty(PROPERTY);
        if (file == null || file.isBlank() || value == null || value.isBlank()) {
            return;
        }
        String line = kind + "\t" + value.replaceAll("[\\t\\r\\n]", " ") + "\n";
        synchronized (Canaries.class) {
            try {
                Path path = Path.of(file);
                Files.createDirectories(path.toAbsolutePath().getParent());
                Files.writeString(path, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot note a canary in " + file, e);
            }
        }
    }

    public static void note(String kind, byte[] value) {
        if (value != null) {
            note(kind, java.util.Base64.getEncoder().encodeToString(value));
            note(kind, java.util.HexFormat.of().formatHex(value));
        }
    }
}
