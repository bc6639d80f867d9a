package io.parapet.streaming.monitor;

import io.parapet.streaming.monitor.drift.DriftScore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns a closed window into alerts, by the thresholds in {@link MonitorSettings} (the prompt's own, if any). */
final class AlertRules {
    private AlertRules() {}

    static List<Alert> evaluate(WindowResult w, MonitorSettings s, boolean driftAlerts) {
        List<Alert> alerts = new ArrayList<>();
        WindowStats stats = w.stats();
        if (stats.toxicScored() >= s.minSamples() && w.toxicRate() > s.toxicRate()) {
            alerts.add(Alert.of(
                    "toxicity",
                    w,
                    w.toxicRate(),
                    s.toxicRate(),
                    stats.toxicScored(),
                    String.format(
                            Locale.ROOT,
                            "%d of %d answers of %s were toxic (%.0f%% > %.0f%%) in the %s window from %s",
                            stats.toxic(),
                            stats.toxicScored(),
                            w.subject(),
                            100 * w.toxicRate(),
                            100 * s.toxicRate(),
                            w.window(),
                            w.start())));
        }
        if (stats.inputScored() >= s.minSamples() && w.toxicInputRate() > s.toxicInputRate()) {
            alerts.add(Alert.of(
                    "toxic-input",
                    w,
                    w.toxicInputRate(),
                    s.toxicInputRate(),
                    stats.inputScored(),
                    String.format(
                            Locale.ROOT,
                            "%d of %d inputs to %s were toxic (%.0f%% > %.0f%%) in the %s window from %s; %d requests"
                                    + " were blocked",
                            stats.inputToxic(),
                            stats.inputScored(),
                            w.subject(),
                            100 * w.toxicInputRate(),
                            100 * s.toxicInputRate(),
                            w.window(),
                            w.start(),
                            stats.blocked())));
        }
        if (stats.count() >= s.minSamples() && w.blockRate() > s.blockRate()) {
            alerts.add(Alert.of(
                    "guardrail-block-rate",
                    w,
                    w.blockRate(),
                    s.blockRate(),
                    stats.count(),
                    String.format(
                            Locale.ROOT,
                            "guardrails blocked %d of %d requests of %s (%.0f%%) in the %s window; by scanner: %s",
                            stats.blocked(),
                            stats.count(),
                            w.subject(),
                            100 * w.blockRate(),
                            w.window(),
                            stats.triggered())));
        }
        if (stats.count() >= s.minSamples() && w.errorRate() > s.errorRate()) {
            alerts.add(Alert.of(
                    "error-rate",
                    w,
                    w.errorRate(),
                    s.errorRate(),
                    stats.count(),
                    String.format(
                            Locale.ROOT,
                            "%d of %d requests of %s failed (%.0f%%) in the %s window",
                            stats.failed(),
                            stats.count(),
                            w.subject(),
                            100 * w.errorRate(),
                            w.window())));
        }
        long p95Limit = s.latencyP95().toMillis();
        double p95 = stats.latencyQuantile(0.95);
        if (p95Limit > 0 && stats.count() >= s.minSamples() && p95 > p95Limit) {
            alerts.add(Alert.of(
                    "latency-p95",
                    w,
                    p95,
                    p95Limit,
                    stats.count(),
                    String.format(
                            Locale.ROOT,
                            "p95 latency of %s was %.0f ms (> %d ms) in the %s window",
                            w.subject(),
                            p95,
                            p95Limit,
                            w.window())));
        }
        for (DriftScore d : w.drift()) {
            if (driftAlerts && d.drifted()) {
                alerts.add(Alert.of(
                        "drift:" + d.feature(),
                        w,
                        d.value(),
                        d.threshold(),
                        d.samples(),
                        String.format(
                                Locale.ROOT,
                                "%s of %s drifted from its reference (%d samples) in the %s window from %s: %s",
                                d.feature(),
                                w.subject(),
                                d.referenceSamples(),
                                w.window(),
                                w.start(),
                                d.detail())));
            }
        }
        return alerts;
    }
}
