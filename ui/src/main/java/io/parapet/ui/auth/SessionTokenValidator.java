package io.parapet.ui.auth;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import io.parapet.core.Role;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Turns a session cookie into an authentication with the session's actor, its implied roles (as API keys get
 * them), and the attributes the UI needs: the session id and its CSRF token.
 */
@Singleton
class SessionTokenValidator implements TokenValidator<HttpRequest<?>> {
    static final String CSRF = "parapet.csrf";
    static final String SESSION = "parapet.session";

    private final Sessions sessions;

    SessionTokenValidator(Sessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        if (!token.startsWith(Sessions.TOKEN_PREFIX) || !cameFromTheUiCookie(token, request)) {
            return Mono.empty();
        }
        // The lookup reads the database: keep it off the event loop.
        return Mono.fromCallable(() -> sessions.find(token))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(open -> open.map(s -> Mono.just(Authentication.build(
                                s.actor().name(),
                                s.actor().roles().stream().map(Role::wireName).toList(),
                                Map.<String, Object>of(CSRF, s.csrfToken(), SESSION, s.id()))))
                        .orElseGet(Mono::empty));
    }

    /**
     * Sessions are for the UI only: a session token sent as {@code Authorization: Bearer} (to the API, or even to a
     * UI page) is not a credential, or it would act without the key's own policy and limits.
     */
    private static boolean cameFromTheUiCookie(String token, HttpRequest<?> request) {
        return request.getPath().startsWith(SessionCookie.PATH)
                && request.getCookies()
                        .findCookie(SessionCookie.NAME)
                        .map(c -> c.getValue().equals(token))
                        .orElse(false);
    }
}
