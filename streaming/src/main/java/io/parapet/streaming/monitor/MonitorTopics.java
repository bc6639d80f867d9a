package io.parapet.streaming.monitor;

import java.util.List;

/** The topics the monitors write; they read {@code parapet.chat.completions}. */
public final class MonitorTopics {
    /** Alerts, keyed by their id; the server stores them. */
    public static final String ALERTS = "parapet.alerts";
    /** Per-window figures of every subject, for charts and the metrics API. */
    public static final String METRICS = "parapet.monitor.metrics";
    /** Records the monitors could not read, with the reason and the original bytes. */
    public static final String DLQ = "parapet.dlq";
    /** Online evaluation results of sampled live completions, keyed by subject. */
    public static final String EVAL_ONLINE = "parapet.eval.online";

    private MonitorTopics() {}

    public static List<String> all() {
        return List.of(ALERTS, METRICS, DLQ, EVAL_ONLINE);
    }
}
