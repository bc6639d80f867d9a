package io.parapet.ui.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Renders a template to a string, for HTML that travels inside another response (the playground's result, sent
 * as the last event of its stream). Same precompiled templates and escaping as the pages.
 */
@Singleton
public class Fragments {
    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

    public String render(String template, Map<String, Object> params) {
        return html(template, params);
    }

    /** The same, for callers outside the bean graph (the server's error handlers, through {@link ErrorPage}). */
    static String html(String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        ENGINE.render(template + ".jte", params, out);
        return out.toString();
    }
}
