package io.latchkey.channel.apple;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The real device captures in shared/fixtures/apple, read-only. shared/ sits beside the project
 * root, so the folder is {@code ../shared/fixtures/apple} from the root (shared/fixtures/README.md);
 * the root is found by walking up from the working directory (the module's, under Maven).
 */
public final class AppleFixtures {

    private static final Path DIR = locate();

    private AppleFixtures() {
    }

    public static Path dir() {
        return DIR;
    }

    public static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(DIR.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture " + name + " in " + DIR, e);
        }
    }

    /** Every {@code .plist} capture, by file name. */
    public static List<String> plists() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".plist")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A {@code .txt} companion: tab-separated key and value per line. */
    public static Map<String, String> companion(String name) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : new String(bytes(name), java.nio.charset.StandardCharsets.UTF_8).split("\r?\n")) {
            String[] kv = line.split("\t", 2);
            if (kv.length == 2) {
                values.put(kv[0].trim(), kv[1].trim());
            }
        }
        return values;
    }

    private static Path locate() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("channel-apple"))) {
                Path fixtures = dir.resolve("../shared/fixtures/apple").normalize();
                if (!Files.isDirectory(fixtures)) {
                    throw new IllegalStateException("The Apple device captures are missing: expected " + fixtures
                            + " (../shared/fixtures/apple beside the project root " + dir + ")");
                }
                return fixtures;
            }
        }
        throw new IllegalStateException("Cannot find the project root (a directory with pom.xml and channel-apple/)"
                + " above " + start + ", so ../shared/fixtures/apple cannot be resolved");
    }
}
