package io.parapet.eval.dataset;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** An immutable version of a dataset; {@code contentHash} addresses its items in order. */
@Serdeable
public record DatasetVersion(
        String dataset,
        int version,
        String contentHash,
        int itemCount,
        String commitMessage,
        String author,
        Instant createdAt) {}
