package io.latchkey.console;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Content-Security-Policy allows scripts from the console's own files only: a template with an
 * inline script body, an event-handler attribute or a javascript: link would break in the browser
 * (or tempt someone to weaken the policy). This catches it before a browser does.
 */
class TemplatesTest {
    private static final Path TEMPLATES = Path.of("src/main/jte");
    private static final Pattern SCRIPT = Pattern.compile("<script\\b([^>]*)>(.*?)</script>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern HANDLER = Pattern.compile("<[a-z][^>]*\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
    private static final Pattern JS_URL = Pattern.compile("=\\s*\"\\s*javascript:", Pattern.CASE_INSENSITIVE);
    private static final Pattern STYLE = Pattern.compile("<style\\b|\\sstyle\\s*=", Pattern.CASE_INSENSITIVE);

    @Test
    void noTemplateHasAnInlineScriptAnEventHandlerOrAnInlineStyle() throws IOException {
        List<String> found = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(TEMPLATES)) {
            files = walk.filter(p -> p.toString().endsWith(".jte")).toList();
        }
        assertThat(files).hasSizeGreaterThan(10);
        for (Path file : files) {
            String text = Files.readString(file);
            Matcher script = SCRIPT.matcher(text);
            while (script.find()) {
                if (!script.group(2).isBlank() || !script.group(1).contains("src=")) {
                    found.add(file.getFileName() + ": inline <script>");
                }
            }
            if (HANDLER.matcher(text).find()) {
                found.add(file.getFileName() + ": on* event-handler attribute");
            }
            if (JS_URL.matcher(text).find()) {
                found.add(file.getFileName() + ": javascript: URL");
            }
            if (STYLE.matcher(text).find()) {
                found.add(file.getFileName() + ": inline style (style-src is 'self')");
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void theScannerCatchesWhatItLooksFor() {
        assertThat(HANDLER.matcher("<button type=\"button\" onclick=\"go()\">").find()).isTrue();
        assertThat(HANDLER.matcher("<button hx-on=\"x\" data-confirm=\"y\">").find()).isFalse();
        Matcher m = SCRIPT.matcher("<script>alert(1)</script>");
        assertThat(m.find() && !m.group(2).isBlank()).isTrue();
        assertThat(STYLE.matcher("<div style=\"color:red\">").find()).isTrue();
    }
}
