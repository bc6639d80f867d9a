package io.parapet.ui.auth;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Reads the session cookie as a token for Micronaut Security, on UI paths only. */
@Singleton
class SessionTokenReader implements TokenReader<HttpRequest<?>> {
    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        if (!request.getPath().startsWith(SessionCookie.PATH)) {
            return Optional.empty();
        }
        return request.getCookies()
                .findCookie(SessionCookie.NAME)
                .map(Cookie::getValue)
                .filter(v -> !v.isEmpty());
    }
}
