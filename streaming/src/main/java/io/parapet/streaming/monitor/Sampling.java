package io.parapet.streaming.monitor;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * Picks a share of events by a hash of their id, not by chance: a redelivered or reprocessed event is picked again
 * (or not) exactly as the first time, so a restart neither doubles nor drops a sampled evaluation.
 */
public final class Sampling {
    private Sampling() {}

    /** Whether the event {@code id} falls in a sample of {@code share} (0 to 1) of all events. */
    public static boolean picks(String id, double share) {
        if (share >= 1) {
            return true;
        }
        if (share <= 0) {
            return false;
        }
        int hash = Utils.murmur2(id.getBytes(StandardCharsets.UTF_8)) & 0x7fffffff;
        return hash < share * Integer.MAX_VALUE;
    }
}
