package io.parapet.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** One move of a label; {@code toVersion} is null when the label was deleted. */
@Serdeable
public record LabelEvent(
        String label,
        @Nullable Integer fromVersion,
        @Nullable Integer toVersion,
        int revision,
        String actor,
        Instant at) {}
