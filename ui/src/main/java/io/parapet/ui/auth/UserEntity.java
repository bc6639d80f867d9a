package io.parapet.ui.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A local account: a BCrypt hash of the password, never the password. */
@MappedEntity("ui_user")
record UserEntity(
        @Id @GeneratedValue @Nullable Long id,
        String username,
        String passwordHash,
        String role,
        Instant createdAt,
        String createdBy,
        @Nullable Instant disabledAt) {}
