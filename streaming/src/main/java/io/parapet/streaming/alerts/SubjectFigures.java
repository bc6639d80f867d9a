package io.parapet.streaming.alerts;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One subject's monitor figures summed over closed windows: what a rollout shows for its canary beside its stable
 * version. Rates are weighted by each window's count; the latency is the worst window's p95, since a mean of
 * quantiles would hide the slow window.
 *
 * @param samples completions counted
 * @param toxicRate share of scored answers found toxic
 * @param blockRate share of completions a guardrail blocked
 * @param errorRate share of completions that failed
 * @param latencyP95Ms the highest per-window p95, or 0 without samples
 */
public record SubjectFigures(long samples, double toxicRate, double blockRate, double errorRate, double latencyP95Ms) {
    public static final SubjectFigures NONE = new SubjectFigures(0, 0, 0, 0, 0);

    /** Accumulates the stored window figures ({@code WindowResult.toJson}) of one subject. */
    static final class Sum {
        private long samples;
        private double toxic;
        private double toxicScored;
        private double blocked;
        private double failed;
        private double latency;

        void add(JsonNode window) {
            long count = window.path("count").asLong();
            long scored = window.path("toxicScored").asLong();
            samples += count;
            toxicScored += scored;
            toxic += scored * window.path("toxicRate").asDouble();
            blocked += count * window.path("blockRate").asDouble();
            failed += count * window.path("errorRate").asDouble();
            latency = Math.max(latency, window.path("latencyP95Ms").asDouble());
        }

        SubjectFigures figures() {
            if (samples == 0) {
                return NONE;
            }
            return new SubjectFigures(
                    samples, toxicScored == 0 ? 0 : toxic / toxicScored, blocked / samples, failed / samples, latency);
        }
    }
}
