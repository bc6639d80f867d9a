package io.parapet.guardrails;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * One entry of a policy: which scanner, its configuration, the score at which it acts ({@code threshold}), what
 * it does then, how long it may take, and which way of the text it judges ({@code directions}: a policy attached
 * to a prompt scans both the user's input and the model's output, and some checks only make sense on one side).
 * Null directions means an unknown value, reported by {@link Policy#compile}.
 */
public record ScannerSpec(
        String type,
        Action action,
        double threshold,
        long timeoutMillis,
        Map<String, Object> config,
        Set<Direction> directions) {
    public static final long DEFAULT_TIMEOUT_MILLIS = 1_000;

    public ScannerSpec {
        config = config == null ? Map.of() : Map.copyOf(config);
        directions = directions == null ? null : Set.copyOf(directions);
    }

    /** A scanner that judges both directions. */
    public ScannerSpec(String type, Action action, double threshold, long timeoutMillis, Map<String, Object> config) {
        this(type, action, threshold, timeoutMillis, config, EnumSet.allOf(Direction.class));
    }
}
