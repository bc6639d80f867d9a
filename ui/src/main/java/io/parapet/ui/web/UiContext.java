package io.parapet.ui.web;

import io.micronaut.security.authentication.Authentication;
import io.parapet.core.Actor;
import io.parapet.core.Role;
import io.parapet.ui.auth.SessionAttributes;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What every page's frame needs: who is signed in, what they may do (to show or disable actions), the CSRF token
 * their requests must carry, and the section to highlight in the navigation.
 */
public record UiContext(String user, Set<Role> roles, String csrfToken, String section) {
    public static UiContext of(Authentication auth, String section) {
        Set<Role> roles = auth.getRoles().stream().map(Role::parse).collect(Collectors.toSet());
        return new UiContext(auth.getName(), roles, SessionAttributes.csrf(auth), section);
    }

    public Actor actor() {
        return new Actor(user, roles);
    }

    public boolean canEdit() {
        return roles.contains(Role.EDITOR);
    }

    public boolean canPublish() {
        return roles.contains(Role.PUBLISHER);
    }

    public boolean isAdmin() {
        return roles.contains(Role.ADMIN);
    }

    /** The value of {@code <body hx-headers>}: htmx sends it with every request. The token is URL-safe base64. */
    public String htmxHeaders() {
        return "{\"X-CSRF-Token\": \"" + csrfToken + "\"}";
    }
}
