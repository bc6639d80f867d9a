package io.parapet.core;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a key may do. Management roles are cumulative ({@code admin} ⊃ {@code publisher} ⊃ {@code editor} ⊃
 * {@code viewer}); {@code chat} stands alone and only reaches the chat gateway.
 */
public enum Role {
    VIEWER,
    EDITOR,
    PUBLISHER,
    ADMIN,
    CHAT;

    /** This role plus every role it includes. */
    public Set<Role> implied() {
        return switch (this) {
            case VIEWER -> EnumSet.of(VIEWER);
            case EDITOR -> EnumSet.of(VIEWER, EDITOR);
            case PUBLISHER -> EnumSet.of(VIEWER, EDITOR, PUBLISHER);
            case ADMIN -> EnumSet.of(VIEWER, EDITOR, PUBLISHER, ADMIN);
            case CHAT -> EnumSet.of(CHAT);
        };
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String value) {
        for (Role role : values()) {
            if (role.wireName().equals(value)) {
                return role;
            }
        }
        throw ParapetException.invalidField(
                "roles", "unknown role '" + value + "'; use viewer, editor, publisher, admin or chat");
    }
}
