package io.parapet.eval.dataset;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;

/** A dataset in a listing: its newest version and where its labels point. */
@Serdeable
public record DatasetSummary(
        String name, @Nullable String description, int latestVersion, Map<String, Integer> labels, Instant updatedAt) {}
