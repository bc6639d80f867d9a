package io.parapet.server.eval;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** Body of {@code POST /api/v1/datasets/{name}/versions}: items inline (up to the 1 MiB body limit). */
@Serdeable
public record CreateDatasetRequest(
        @Nullable List<JsonNode> items,
        @Nullable String commitMessage,
        @Nullable String description) {}
