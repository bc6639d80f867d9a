package io.parapet.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A prompt in a listing, with where each label points. */
@Serdeable
public record PromptSummary(
        String name,
        PromptType type,
        @Nullable String description,
        List<String> tags,
        int latestVersion,
        Map<String, Integer> labels,
        Instant createdAt,
        Instant updatedAt) {}
