package io.parapet.ui.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A browser session: the SHA-256 of its cookie token, its CSRF token, and whose it is (a user or a key). */
@MappedEntity("ui_session")
record SessionEntity(
        @Id @GeneratedValue @Nullable Long id,
        String tokenHash,
        String csrfToken,
        @Nullable Long userId,
        @Nullable Long apiKeyId,
        Instant createdAt,
        Instant expiresAt) {}
