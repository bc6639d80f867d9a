package io.parapet.registry;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A model in the catalog listing, described by its latest version. */
@Serdeable
public record ModelSummary(
        String name, int latestVersion, Provider provider, String modelId, boolean development, Instant updatedAt) {}
