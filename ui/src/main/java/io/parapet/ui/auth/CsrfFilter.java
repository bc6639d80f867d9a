package io.parapet.ui.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * Every state-changing UI request must carry the session's CSRF token in the {@code X-CSRF-Token} header. Pages
 * put it on {@code <body hx-headers>}, so every htmx request and every boosted form sends it. Sign-in has no
 * session yet and checks its own double-submit token (LoginController). Runs after security, which has already named the
 * session.
 */
@ServerFilter(SessionCookie.PATH + "/**")
class CsrfFilter implements io.micronaut.core.order.Ordered {
    static final String HEADER = "X-CSRF-Token";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    @RequestFilter
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        if (SAFE.contains(request.getMethod()) || request.getPath().equals(SessionCookie.PATH + "/login")) {
            return null;
        }
        Object expected = request.getUserPrincipal(Authentication.class)
                .map(a -> a.getAttributes().get(SessionTokenValidator.CSRF))
                .orElse(null);
        String sent = request.getHeaders().get(HEADER);
        if (expected instanceof String token && sent != null && same(token, sent)) {
            return null;
        }
        return HttpResponse.status(HttpStatus.FORBIDDEN)
                .contentType(MediaType.TEXT_PLAIN_TYPE)
                .body("This form has expired or did not come from Parapet (missing CSRF token). Reload the page and try"
                        + " again.");
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
