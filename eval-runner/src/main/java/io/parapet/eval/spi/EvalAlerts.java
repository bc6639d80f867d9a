package io.parapet.eval.spi;

import java.time.Instant;

/**
 * Where a scheduled evaluation raises an alert: the server puts it in the monitors' alert store (so it shows in
 * {@code GET /api/v1/alerts} and reaches the webhooks).
 *
 * @param id stable for one finding (a redelivery does not raise a second alert)
 * @param monitor {@code eval:threshold} or {@code eval:regression}
 * @param subject the prompt version, {@code name#version}
 */
public interface EvalAlerts {
    void raise(
            String id,
            String monitor,
            String subject,
            Instant from,
            Instant to,
            double value,
            double threshold,
            long samples,
            String message);
}
