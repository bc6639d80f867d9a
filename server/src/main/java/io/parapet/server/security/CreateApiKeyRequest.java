package io.parapet.server.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** Body of {@code POST /api/v1/api-keys}. */
@Serdeable
public record CreateApiKeyRequest(
        @Nullable String name,
        @Nullable List<String> roles,
        @Nullable KeyGatewaySettings gateway) {

    public CreateApiKeyRequest(@Nullable String name, @Nullable List<String> roles) {
        this(name, roles, null);
    }
}
