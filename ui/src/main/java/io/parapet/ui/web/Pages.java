package io.parapet.ui.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.views.ModelAndView;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Small helpers every UI controller uses: rendering a page, redirecting, and building links. */
public final class Pages {
    private Pages() {}

    /** A view with the frame's context and the page's own model, as the templates declare them. */
    public static ModelAndView<Map<String, Object>> view(String name, UiContext ui, Object page) {
        Map<String, Object> model = new HashMap<>();
        model.put("ui", ui);
        model.put("page", page);
        return new ModelAndView<>(name, model);
    }

    public static MutableHttpResponse<ModelAndView<Map<String, Object>>> view(
            HttpStatus status, String name, UiContext ui, Object page) {
        return HttpResponse.<ModelAndView<Map<String, Object>>>status(status).body(view(name, ui, page));
    }

    /**
     * Sends the browser to {@code path}: htmx requests get {@code HX-Redirect} (htmx would otherwise swap the
     * next page into the current one), plain requests a 303.
     */
    public static MutableHttpResponse<?> redirect(HttpRequest<?> request, String path) {
        if (request.getHeaders().contains("HX-Request")) {
            return HttpResponse.ok().header("HX-Redirect", path);
        }
        return HttpResponse.status(HttpStatus.SEE_OTHER)
                .header(HttpHeaders.LOCATION, URI.create(path).toString());
    }

    /** A URL query value, encoded; prompt names contain '/'. */
    public static String q(Object value) {
        return URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8);
    }
}
