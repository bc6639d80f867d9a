package io.parapet.streaming.alerts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.parapet.streaming.monitor.MonitorOverrides;
import io.parapet.streaming.monitor.MonitorSettings;
import java.time.Instant;

/**
 * A prompt's (or model's) monitor thresholds as the API shows them: its own overrides, and what the monitors apply
 * with the server's defaults filled in.
 */
@Serdeable
public record PromptMonitorSettings(
        String subject,
        MonitorOverrides overrides,
        MonitorOverrides effective,
        @Nullable Instant updatedAt,
        @Nullable String updatedBy) {

    static PromptMonitorSettings of(
            String subject, MonitorOverrides own, MonitorSettings defaults, Instant at, String by) {
        MonitorSettings applied = own.applyTo(defaults);
        MonitorOverrides effective = new MonitorOverrides(
                applied.toxicRate(),
                applied.toxicInputRate(),
                applied.blockRate(),
                applied.errorRate(),
                applied.latencyP95().toMillis(),
                applied.minSamples(),
                own.driftAlerts(),
                own.referenceSince());
        return new PromptMonitorSettings(subject, own, effective, at, by);
    }
}
