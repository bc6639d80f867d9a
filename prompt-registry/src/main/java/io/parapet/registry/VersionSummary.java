package io.parapet.registry;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/** A version in a listing: enough to show a timeline without the content. */
@Serdeable
public record VersionSummary(
        int version, String commitMessage, String author, Instant createdAt, String contentHash, List<String> labels) {}
