package io.parapet.server.security;

import io.micronaut.security.authentication.Authentication;
import io.parapet.core.Actor;
import io.parapet.core.Role;
import java.util.stream.Collectors;

/** The bridge from Micronaut Security's authentication to the platform's {@link Actor}. */
public final class Actors {
    private Actors() {}

    public static Actor of(Authentication authentication) {
        return new Actor(
                authentication.getName(),
                authentication.getRoles().stream().map(Role::parse).collect(Collectors.toSet()));
    }
}
