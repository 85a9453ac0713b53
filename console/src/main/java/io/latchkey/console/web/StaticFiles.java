package io.latchkey.console.web;

import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The console's three static files, read once from the class path: its stylesheet, its small
 * script (row selection), and htmx from its webjar. Files, so the CSP can forbid inline code.
 */
public final class StaticFiles {
    static final String HTMX = "META-INF/resources/webjars/htmx.org/2.0.8/dist/htmx.min.js";
    private record File(byte[] bytes, String type) {
    }

    private final Map<String, File> files;

    public StaticFiles() {
        files = Map.of(
                "console.css", new File(read("io/latchkey/console/static/console.css"), "text/css; charset=utf-8"),
                "console.js", new File(read("io/latchkey/console/static/console.js"),
                        "text/javascript; charset=utf-8"),
                "htmx.min.js", new File(read(HTMX), "text/javascript; charset=utf-8"));
    }

    public void serve(Context ctx) {
        File f = files.get(ctx.pathParam("name"));
        if (f == null) {
            ctx.status(404).result("");
            return;
        }
        ctx.header("Cache-Control", "public, max-age=3600").contentType(f.type()).result(f.bytes());
    }

    private static byte[] read(String resource) {
        try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing console resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
