package io.parapet.ui.auth;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import java.time.Duration;

/**
 * The session cookie: HttpOnly (scripts cannot read it), SameSite=Strict (other sites cannot send it), scoped to
 * {@code /ui} (the API never sees it), and Secure whenever the browser came over HTTPS, directly or through a
 * proxy that says so.
 */
public final class SessionCookie {
    public static final String NAME = "parapet_session";
    public static final String PATH = "/ui";

    private SessionCookie() {}

    public static Cookie of(String token, Duration lifetime, HttpRequest<?> request) {
        return Cookie.of(NAME, token)
                .httpOnly(true)
                .sameSite(SameSite.Strict)
                .path(PATH)
                .secure(overHttps(request))
                .maxAge(lifetime);
    }

    public static Cookie cleared(HttpRequest<?> request) {
        return of("", Duration.ZERO, request);
    }

    static boolean overHttps(HttpRequest<?> request) {
        return request.isSecure()
                || "https".equalsIgnoreCase(request.getHeaders().get("X-Forwarded-Proto"));
    }
}
