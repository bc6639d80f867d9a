package io.parapet.streaming.monitor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parapet.core.Json;
import io.parapet.streaming.monitor.drift.DriftScore;
import java.time.Instant;
import java.util.List;

/**
 * One subject's figures for one closed window, as written to {@code parapet.monitor.metrics}: the counts and rates,
 * and each feature's drift from the subject's reference (empty until the reference is complete).
 */
public record WindowResult(
        String subject, String window, Instant start, Instant end, WindowStats stats, List<DriftScore> drift) {

    public double toxicRate() {
        return stats.toxicScored() == 0 ? 0 : (double) stats.toxic() / stats.toxicScored();
    }

    /** Share of scored inputs that were toxic, whether the guardrails blocked them or not. */
    public double toxicInputRate() {
        return stats.inputScored() == 0 ? 0 : (double) stats.inputToxic() / stats.inputScored();
    }

    public double blockRate() {
        return stats.count() == 0 ? 0 : (double) stats.blocked() / stats.count();
    }

    public double errorRate() {
        return stats.count() == 0 ? 0 : (double) stats.failed() / stats.count();
    }

    public String toJson() {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("subject", subject)
                .put("window", window)
                .put("start", start.toString())
                .put("end", end.toString())
                .put("count", stats.count())
                .put("toxicScored", stats.toxicScored())
                .put("toxicRate", round(toxicRate()))
                .put("inputScored", stats.inputScored())
                .put("toxicInputRate", round(toxicInputRate()))
                .put("blockRate", round(blockRate()))
                .put("errorRate", round(errorRate()))
                .put("latencyP50Ms", round(stats.latencyQuantile(0.5)))
                .put("latencyP95Ms", round(stats.latencyQuantile(0.95)))
                .put("latencyP99Ms", round(stats.latencyQuantile(0.99)))
                .put("inputTokens", stats.inputTokens())
                .put("outputTokens", stats.outputTokens());
        ObjectNode triggered = n.putObject("triggered");
        stats.triggered().forEach(triggered::put);
        ObjectNode drifts = n.putObject("drift");
        for (DriftScore d : drift) {
            ObjectNode f = drifts.putObject(d.feature())
                    .put("method", d.method())
                    .put("value", round(d.value()))
                    .put("threshold", round(d.threshold()))
                    .put("score", round(d.score()))
                    .put("samples", d.samples())
                    .put("drifted", d.drifted());
            if (!Double.isNaN(d.pValue())) {
                f.put("pValue", d.pValue());
            }
        }
        return Json.write(n);
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
