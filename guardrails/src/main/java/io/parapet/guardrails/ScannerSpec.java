package io.parapet.guardrails;

import java.util.Map;

/**
 * One entry of a policy: which scanner, its configuration, the score at which it acts ({@code threshold}), what
 * it does then, and how long it may take.
 */
public record ScannerSpec(
        String type, Action action, double threshold, long timeoutMillis, Map<String, Object> config) {
    public static final long DEFAULT_TIMEOUT_MILLIS = 1_000;

    public ScannerSpec {
        config = config == null ? Map.of() : Map.copyOf(config);
    }
}
