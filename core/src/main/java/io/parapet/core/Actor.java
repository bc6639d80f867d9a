package io.parapet.core;

import java.util.Set;

/**
 * Who is making a change: the name of the API key (or user) and its effective roles. Services take it explicitly
 * so that audit entries and permission checks never depend on thread-local state.
 */
public record Actor(String name, Set<Role> roles) {
    public static final Actor SYSTEM = new Actor("system", Role.ADMIN.implied());

    public Actor {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Throws 403 unless this actor holds {@code role}; {@code why} completes "… may …". */
    public void require(Role role, String why) {
        if (!has(role)) {
            throw ParapetException.forbidden("only a " + role.wireName() + " or admin may " + why + "; key '" + name
                    + "' has " + roles.stream().map(Role::wireName).sorted().toList());
        }
    }
}
