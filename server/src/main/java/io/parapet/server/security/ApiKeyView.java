package io.parapet.server.security;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/** A key as the API shows it. {@code key} is present only in the response that created it. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiKeyView(
        long id,
        String name,
        String prefix,
        List<String> roles,
        Instant createdAt,
        String createdBy,
        @Nullable Instant revokedAt,
        @Nullable KeyGatewaySettings gateway,
        @Nullable String key) {}
