package io.parapet.ui.auth;

import io.micronaut.security.authentication.Authentication;

/** Reads the session attributes {@link SessionTokenValidator} put on an authentication. */
public final class SessionAttributes {
    private SessionAttributes() {}

    /** The session's CSRF token; empty for requests that did not come with a session (never a UI page). */
    public static String csrf(Authentication auth) {
        Object token = auth.getAttributes().get(SessionTokenValidator.CSRF);
        return token instanceof String s ? s : "";
    }
}
