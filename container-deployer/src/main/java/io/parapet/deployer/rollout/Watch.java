package io.parapet.deployer.rollout;

import java.util.Arrays;
import java.util.Optional;

/** The monitors a rollout's analysis watches on the canary version, and the alert names each one raises. */
public enum Watch {
    TOXICITY("toxicity", "toxicity"),
    BLOCK_RATE("block-rate", "guardrail-block-rate"),
    ERROR_RATE("error-rate", "error-rate"),
    LATENCY("latency", "latency-p95"),
    DRIFT("drift", "drift:");

    private final String wire;
    private final String alertPrefix;

    Watch(String wire, String alertPrefix) {
        this.wire = wire;
        this.alertPrefix = alertPrefix;
    }

    public String wire() {
        return wire;
    }

    /** Whether an alert of monitor {@code monitor} (as stored: {@code toxicity}, {@code drift:length}) is this one's. */
    public boolean raised(String monitor) {
        return alertPrefix.endsWith(":") ? monitor.startsWith(alertPrefix) : monitor.equals(alertPrefix);
    }

    public static Optional<Watch> of(String wire) {
        return Arrays.stream(values()).filter(w -> w.wire.equals(wire)).findFirst();
    }
}
