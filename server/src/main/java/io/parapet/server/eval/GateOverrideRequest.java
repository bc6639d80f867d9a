package io.parapet.server.eval;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Body of {@code POST …/labels/{label}/gate/override}: the one version let through, and why. */
@Serdeable
public record GateOverrideRequest(
        @Nullable Integer version, @Nullable String reason) {}
