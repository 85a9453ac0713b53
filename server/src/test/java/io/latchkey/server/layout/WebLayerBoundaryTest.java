package io.latchkey.server.layout;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the web framework at the edge: only the api and console modules and the server's http
 * package may import Javalin, so replacing it stays a local change (java-style-anchors, section 0).
 */
class WebLayerBoundaryTest {

    @Test
    void only_api_console_and_server_http_import_javalin() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> offenders;
        try (Stream<Path> files = Files.walk(root)) {
            offenders = files
                    .filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/java/"))
                    .filter(p -> !root.relativize(p).startsWith("api"))
                    .filter(p -> !root.relativize(p).startsWith("console"))
                    .filter(p -> !p.toString().contains("/io/latchkey/server/http/"))
                    .filter(WebLayerBoundaryTest::importsJavalin)
                    .map(p -> root.relativize(p).toString())
                    .toList();
        }
        assertThat(offenders).isEmpty();
    }

    private static boolean importsJavalin(Path file) {
        try {
            return Files.readString(file).contains("import io.javalin");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
