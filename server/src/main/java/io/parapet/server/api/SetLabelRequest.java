package io.parapet.server.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Body of {@code PUT /api/v1/prompts/{name}/labels/{label}}. */
@Serdeable
public record SetLabelRequest(@Nullable Integer version) {}
