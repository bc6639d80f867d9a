package io.parapet.server.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/** Body of {@code POST /api/v1/prompts/{name}/render}: a label or a version (default production) and values. */
@Serdeable
public record RenderRequest(
        @Nullable String label,
        @Nullable Integer version,
        @Nullable Map<String, Object> variables) {}
