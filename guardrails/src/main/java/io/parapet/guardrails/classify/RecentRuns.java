package io.parapet.guardrails.classify;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The vectors of model runs over the middle of long texts ({@link GapRuns}) read recently, so that a passage many texts
 * share (a jailbreak template, a chat app's fixed instructions, a document pasted again) is read once. A run's vectors
 * are a pure function of the pieces it reads, so a kept run gives exactly what the model would; {@link GapRuns#plan}
 * cuts runs where the text's own pieces say, so the same passage is cut the same way in another text.
 *
 * <p>Bounded by bytes, not entries: a run keeps up to {@value GapRuns#RUN} vectors of 1.5 KB each. 64 MB, or a
 * sixteenth of the heap if that is less (a container's small heap); 0 turns it off. A text of new passages evicts
 * little that is read often: Caffeine admits an entry by how often its key is asked for.
 */
final class RecentRuns {
    static final long MAX_BYTES = Long.getLong(
            "parapet.entities.runCacheBytes",
            Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 16));

    private record Key(long[] ids, int keepFrom, int keepTo) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && keepFrom == k.keepFrom && keepTo == k.keepTo && Arrays.equals(ids, k.ids);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * Arrays.hashCode(ids) + keepFrom) + keepTo;
        }

        @Override
        public String toString() {
            return "Key[" + ids.length + " pieces]"; // never the text's pieces, should a key reach a log
        }
    }

    private static final RecentRuns SHARED = new RecentRuns(MAX_BYTES);

    private final Cache<Key, float[][]> runs;

    RecentRuns(long maxBytes) {
        this.runs = maxBytes == 0
                ? null
                : Caffeine.newBuilder()
                        .maximumWeight(maxBytes)
                        .<Key, float[][]>weigher(RecentRuns::bytes)
                        .recordStats()
                        .build();
    }

    /**
     * The vectors of pieces {@code [keepFrom, keepTo)} of a run over {@code ids}, from {@code read} unless a run over
     * the same pieces was kept. The rows may be shared: callers must not modify them.
     */
    static float[][] get(long[] ids, int keepFrom, int keepTo, Supplier<float[][]> read) {
        return SHARED.lookUp(ids, keepFrom, keepTo, read);
    }

    float[][] lookUp(long[] ids, int keepFrom, int keepTo, Supplier<float[][]> read) {
        if (runs == null) {
            return read.get();
        }
        Key key = new Key(ids, keepFrom, keepTo);
        // Not Cache.get(key, compute): that would hold a lock of the map for the model's milliseconds.
        float[][] kept = runs.getIfPresent(key);
        if (kept == null) {
            kept = read.get();
            runs.put(key, kept);
        }
        return kept;
    }

    /** Runs given from the shared cache since the JVM started. */
    static long hits() {
        return SHARED.runs == null ? 0 : SHARED.runs.stats().hitCount();
    }

    /** Forgets every run the shared cache kept, so that the next reading of any passage is the model's. */
    static void forgetAll() {
        if (SHARED.runs != null) {
            SHARED.runs.invalidateAll();
        }
    }

    /** The bytes this cache holds by its own count, once pending evictions are done. */
    long weightedBytes() {
        if (runs == null) {
            return 0;
        }
        runs.cleanUp();
        return runs.policy().eviction().orElseThrow().weightedSize().orElseThrow();
    }

    private static int bytes(Key key, float[][] vectors) {
        int floats = vectors.length == 0 ? 0 : vectors.length * vectors[0].length;
        return 64 + key.ids.length * Long.BYTES + vectors.length * 16 + floats * Float.BYTES;
    }
}
