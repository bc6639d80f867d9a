package io.parapet.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/** A prompt with its labels and the newest version summaries. */
@Serdeable
public record PromptDetail(
        String name,
        PromptType type,
        @Nullable String description,
        List<String> tags,
        int latestVersion,
        List<Label> labels,
        List<VersionSummary> versions,
        Instant createdAt,
        Instant updatedAt) {}
