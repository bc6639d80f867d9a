package io.parapet.streaming.monitor;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.List;

/**
 * The monitors' defaults ({@code parapet.monitors.*}).
 *
 * @param enabled whether this instance runs the monitors (Kafka Streams) at all
 * @param windows tumbling window sizes every monitor aggregates over
 * @param grace how late an event may arrive and still count in its window; a window's figures and alerts are
 *     emitted once it closes (end + grace)
 * @param toxicScore the toxicity score from which an input or an answer counts as toxic
 * @param toxicRate alert when more than this share of a window's scored answers is toxic
 * @param toxicInputRate alert when more than this share of a window's scored inputs is toxic, blocked or not: a wave
 *     of abusive users is news to operators even when every message is stopped
 * @param blockRate alert when more than this share of a window's requests was blocked by guardrails
 * @param errorRate alert when more than this share of a window's requests failed
 * @param latencyP95 alert when a window's p95 latency is above this (0 = no latency alert)
 * @param minSamples no alert from a window with fewer events than this: a rate of 1 in 2 says little
 * @param stateDir where Kafka Streams keeps its state stores (empty: a temporary folder)
 * @param applicationId the Kafka Streams application id: instances with the same id share the work
 */
@ConfigurationProperties("parapet.monitors")
public record MonitorSettings(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "1m,5m,1h") List<Duration> windows,
        @Bindable(defaultValue = "10s") Duration grace,
        @Bindable(defaultValue = "0.5") double toxicScore,
        @Bindable(defaultValue = "0.2") double toxicRate,
        @Bindable(defaultValue = "0.2") double toxicInputRate,
        @Bindable(defaultValue = "0.5") double blockRate,
        @Bindable(defaultValue = "0.2") double errorRate,
        @Bindable(defaultValue = "0ms") Duration latencyP95,
        @Bindable(defaultValue = "20") int minSamples,
        @Bindable(defaultValue = "") String stateDir,
        @Bindable(defaultValue = "parapet-monitors") String applicationId) {

    public static MonitorSettings defaults() {
        return new MonitorSettings(
                true,
                List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofHours(1)),
                Duration.ofSeconds(10),
                0.5,
                0.2,
                0.2,
                0.5,
                0.2,
                Duration.ZERO,
                20,
                "",
                "parapet-monitors");
    }

    /** {@code 1m}, {@code 5m}, {@code 1h}: how windows are named in topics, stores and the API. */
    public static String label(Duration size) {
        if (size.toHours() > 0 && size.toMinutes() % 60 == 0) {
            return size.toHours() + "h";
        }
        if (size.toMinutes() > 0 && size.toSeconds() % 60 == 0) {
            return size.toMinutes() + "m";
        }
        return size.toSeconds() + "s";
    }
}
