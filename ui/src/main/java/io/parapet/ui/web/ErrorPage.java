package io.parapet.ui.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.util.Map;

/**
 * Errors on UI paths as pages people can read (the API answers problem documents instead). The server's error
 * handlers call this for requests under {@code /ui}.
 */
public final class ErrorPage {

    /** What the error page shows. */
    public record Model(int status, String title, String message) {}

    private ErrorPage() {}

    public static boolean isUi(HttpRequest<?> request) {
        String path = request.getPath();
        return path.equals("/ui") || path.startsWith("/ui/");
    }

    public static MutableHttpResponse<String> of(HttpStatus status, String message) {
        return HttpResponse.<String>status(status).body(html(status, message)).contentType(MediaType.TEXT_HTML_TYPE);
    }

    /** The page itself, for handlers that set the status and type on a response of their own. */
    public static String html(HttpStatus status, String message) {
        return Fragments.html("error", Map.of("page", new Model(status.getCode(), status.getReason(), message)));
    }

    /** Where an unauthenticated browser goes: the sign-in page (htmx requests are told to navigate there). */
    public static MutableHttpResponse<?> signIn(HttpRequest<?> request) {
        return Pages.redirect(request, "/ui/login");
    }
}
