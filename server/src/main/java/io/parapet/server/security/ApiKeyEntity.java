package io.parapet.server.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A stored key: its SHA-256 and a short prefix to recognise it by, never the key itself. */
@MappedEntity("api_key")
record ApiKeyEntity(
        @Id @GeneratedValue @Nullable Long id,
        String name,
        String prefix,
        String keyHash,
        String roles,
        Instant createdAt,
        String createdBy,
        @Nullable Instant revokedAt,
        @Nullable String defaultPolicy,
        @Nullable Integer requestsPerMinute,
        @Nullable Long tokensPerMinute) {

    KeyGatewaySettings gateway() {
        return new KeyGatewaySettings(defaultPolicy, requestsPerMinute, tokensPerMinute);
    }
}
