package io.parapet.streaming.monitor.drift;

/**
 * At most {@code perSecond} embeddings a second in this process. MiniLM takes ~5 ms a text on one core (about 200
 * a second), so embedding every input would cap the monitors near that; a drift verdict needs only a sample (the
 * replay in docs/benchmarks.md: 50 inputs a window already catch a topic shift), so past the budget inputs are
 * counted in every other monitor but not embedded. Below the budget every sampled input is embedded.
 */
public final class EmbeddingBudget {
    private final int perSecond;
    private long second;
    private int used;

    public EmbeddingBudget(int perSecond) {
        this.perSecond = perSecond;
    }

    /** Takes one embedding from this second's budget, if any is left (0 means no limit). */
    public synchronized boolean take(long nowMillis) {
        if (perSecond <= 0) {
            return true;
        }
        long s = nowMillis / 1000;
        if (s != second) {
            second = s;
            used = 0;
        }
        if (used >= perSecond) {
            return false;
        }
        used++;
        return true;
    }
}
