package io.parapet.deployer.release;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A stored release: its number, its digest ({@code sha256:…} of the canonical content), and what it pins. */
@Serdeable
public record Release(
        long id, String digest, String description, ReleaseContent content, String createdBy, Instant createdAt) {}
