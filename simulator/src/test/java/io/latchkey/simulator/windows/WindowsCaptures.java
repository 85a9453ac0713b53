package io.latchkey.simulator.windows;

import org.w3c.dom.Element;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The real Windows 10 device captures in shared/fixtures/windows (SOURCE.md there maps them), found
 * beside the project root, and a way to compare a message's shape with a captured one: the set of
 * element paths, each step namespace and local name.
 */
final class WindowsCaptures {

    static final String DUMP = "windows10-enrollment-and-sessions.capture.txt";
    static final String README = "windows10-readme-messages.capture.txt";

    private static final Path DIR = locate();

    private WindowsCaptures() {
    }

    /** The device's request bodies in the dump, in order: Discover, GetPolicies, RST, session 1, session 2. */
    static List<String> dumpRequests() {
        List<String> out = new ArrayList<>();
        String[] parts = text(DUMP).split("----------- Input Body -----------\n");
        for (int i = 1; i < parts.length; i++) {
            out.add(parts[i].substring(0, parts[i].indexOf("=====")).trim());
        }
        return out;
    }

    /** Block {@code n} (1-based) of the README capture. */
    static String readmeBlock(int n) {
        String[] parts = text(README).split("(?m)^===== \\[\\d+\\][^\n]*\n");
        return parts[n].trim();
    }

    /** Every element's path from the root, as {@code {ns}local/{ns}local/...}. */
    static Set<String> shape(Element root) {
        Set<String> out = new LinkedHashSet<>();
        walk(root, "", out);
        return out;
    }

    private static void walk(Element e, String prefix, Set<String> out) {
        String here = prefix + "/{" + (e.getNamespaceURI() == null ? "" : e.getNamespaceURI()) + "}" + Xml.localName(e);
        out.add(here);
        for (Element c : Xml.children(e)) {
            walk(c, here, out);
        }
    }

    private static String text(String name) {
        try {
            return Files.readString(DIR.resolve(name), StandardCharsets.US_ASCII).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read capture " + name + " in " + DIR, e);
        }
    }

    private static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("simulator"))) {
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
