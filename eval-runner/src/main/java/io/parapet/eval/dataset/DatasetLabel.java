package io.parapet.eval.dataset;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A movable pointer to a dataset version; {@code revision} is what {@code If-Match} compares with. */
@Serdeable
public record DatasetLabel(String name, int version, int revision, Instant updatedAt, String updatedBy) {}
