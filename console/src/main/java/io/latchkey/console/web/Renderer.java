package io.latchkey.console.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;

import java.util.Map;

/** Renders the precompiled JTE templates (no compiler at run time) into the response. */
public final class Renderer {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(null, ContentType.Html,
            Renderer.class.getClassLoader(), "io.latchkey.console.templates");

    public void page(Context ctx, String template, Ui ui, Object view) {
        ctx.contentType("text/html; charset=utf-8").result(render(template, ui, view));
    }

    public String render(String template, Ui ui, Object view) {
        StringOutput out = new StringOutput();
        engine.render(template + ".jte", view == null ? Map.of("ui", ui) : Map.of("ui", ui, "v", view), out);
        return out.toString();
    }
}
