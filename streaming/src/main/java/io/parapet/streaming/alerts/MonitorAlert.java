package io.parapet.streaming.alerts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * An alert as the API shows it, with its evidence: the window, the observed value, the threshold and the number of
 * samples. {@code state} moves from {@code open} to {@code acknowledged} to {@code resolved}.
 */
@Serdeable
public record MonitorAlert(
        long id,
        String monitor,
        String subject,
        @Nullable String prompt,
        String window,
        Instant windowStart,
        Instant windowEnd,
        double value,
        double threshold,
        long samples,
        String message,
        String state,
        Instant createdAt,
        Instant updatedAt,
        @Nullable String updatedBy) {

    static MonitorAlert of(AlertEntity e) {
        return new MonitorAlert(
                e.id(),
                e.monitor(),
                e.subject(),
                e.prompt(),
                e.windowSize(),
                e.windowStart(),
                e.windowEnd(),
                e.observed(),
                e.threshold(),
                e.samples(),
                e.message(),
                e.state(),
                e.createdAt(),
                e.updatedAt(),
                e.updatedBy());
    }
}
