package io.parapet.registry;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A movable pointer to a version. {@code revision} grows with every move; send it as {@code If-Match} to move
 * the label again. {@code protected} labels only move for publishers and admins.
 */
@Serdeable
public record Label(
        String name,
        int version,
        int revision,
        Instant updatedAt,
        String updatedBy,

        @com.fasterxml.jackson.annotation.JsonProperty("protected")
        boolean isProtected) {}
