package io.parapet.deployer.rollout;

import java.util.Locale;

/**
 * {@code progressing} moves through the steps; {@code paused} waits for a publisher (the label's promotion gate
 * refused the final move); the other three are ends.
 */
public enum RolloutState {
    PROGRESSING,
    PAUSED,
    PROMOTED,
    ROLLED_BACK,
    ABORTED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean running() {
        return this == PROGRESSING || this == PAUSED;
    }

    public static RolloutState of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
