package io.parapet.registry;

import io.micronaut.transaction.annotation.TransactionalEventListener;
import io.parapet.core.OutageBackoff;
import io.parapet.core.ParapetException;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * What the chat gateway reads on every request, kept in process: compiled prompts, stored versions (guardrail
 * policies) and model versions. Every committed registry change clears it: in this process through an event, on
 * other instances through a pushed notification (PostgreSQL LISTEN/NOTIFY, see {@link #pushConnected}). While the
 * push channel is down, entries are trusted for {@link #UNPUSHED_MAX_AGE} only. A load that races with a change is
 * discarded, so a stale entry never survives an invalidation.
 *
 * <p>When the database cannot be read, the last value known for the same request is served instead and the cache
 * reports itself {@link #staleSince() stale}; answers the database did give (not found, invalid) pass through. While
 * stale, one caller per {@link #OUTAGE_RETRY} asks the database again and the others get last known values at once:
 * each failed read waits for the pool's connection timeout (5 s by default), which every request would otherwise pay,
 * once per lookup.
 */
@Singleton
public class PromptCache {
    static final int MAX_ENTRIES = 10_000;
    public static final Duration UNPUSHED_MAX_AGE = Duration.ofSeconds(1);
    static final Duration OUTAGE_RETRY = Duration.ofSeconds(1);

    private record Key(char kind, String name, String label, Integer version) {}

    private record Entry(Object value, long loadedNanos) {}

    private final PromptService prompts;
    private final ModelService models;
    private final LabelSplits splits;
    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Key, Object> lastKnown = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final AtomicReference<Instant> staleSince = new AtomicReference<>();
    private final OutageBackoff database = new OutageBackoff(OUTAGE_RETRY);
    private final AtomicLong databaseReads = new AtomicLong();
    private volatile boolean pushConnected = true;

    PromptCache(PromptService prompts, ModelService models, LabelSplits splits) {
        this.prompts = prompts;
        this.models = models;
        this.splits = splits;
    }

    /** As {@link PromptService#compile}, from memory when possible. */
    public ResolvedPrompt get(String name, String label, Integer version) {
        return (ResolvedPrompt) load(new Key('p', name, label, version), () -> prompts.compile(name, label, version));
    }

    /**
     * As {@link #get}, for a caller: when {@code name@label} is split ({@link LabelSplits}), callers in the canary's
     * share get the canary version. A pinned version, or no caller, is never routed.
     */
    public ResolvedPrompt route(String name, String label, Integer version, String caller) {
        if (version == null && label != null && caller != null) {
            Object split = load(
                    new Key('s', name, label, null),
                    () -> splits.find(name, label).map(Object.class::cast).orElse(NO_SPLIT));
            if (split != NO_SPLIT && ((LabelSplit) split).routesToCanary(caller)) {
                return get(name, null, ((LabelSplit) split).canaryVersion());
            }
        }
        return get(name, label, version);
    }

    /** As {@link PromptService#resolve}: a stored version, such as a guardrail policy. */
    public PromptVersion version(String name, String label, Integer version) {
        return (PromptVersion) load(new Key('v', name, label, version), () -> prompts.resolve(name, label, version));
    }

    /** As {@link ModelService#get}. */
    public ModelVersion model(String name, Integer version) {
        return (ModelVersion) load(new Key('m', name, null, version), () -> models.get(name, version));
    }

    /** Forgets everything; called after each committed registry change, and by cross-instance notifications. */
    public void invalidateAll() {
        generation.incrementAndGet();
        entries.clear();
    }

    /**
     * Whether invalidations from other instances arrive by push. False (the listener lost its connection) makes
     * entries expire after {@link #UNPUSHED_MAX_AGE}; true again clears everything, since notifications may have
     * been missed meanwhile.
     */
    public void pushConnected(boolean connected) {
        if (connected && !pushConnected) {
            invalidateAll();
        }
        pushConnected = connected;
    }

    /** Since when answers come from last known values because the database failed; null when all is well. */
    public Instant staleSince() {
        return staleSince.get();
    }

    @TransactionalEventListener(TransactionalEventListener.TransactionPhase.AFTER_COMMIT)
    void onChange(PromptChanged change) {
        invalidateAll();
    }

    int size() {
        return entries.size();
    }

    /** How many times the database was asked: a test's view of the outage back-off. */
    long databaseReads() {
        return databaseReads.get();
    }

    /** Cached for a label without a split, since a map cannot hold null. */
    private static final Object NO_SPLIT = new Object();

    private Object load(Key key, Supplier<Object> loader) {
        Entry hit = entries.get(key);
        if (hit != null && (pushConnected || System.nanoTime() - hit.loadedNanos() < UNPUSHED_MAX_AGE.toNanos())) {
            return hit.value();
        }
        Object last = lastKnown.get(key);
        if (last != null && !database.mayTry()) {
            return servedStale(last);
        }
        long before = generation.get();
        Object loaded;
        try {
            databaseReads.incrementAndGet();
            loaded = loader.get();
        } catch (ParapetException answer) {
            throw answer; // the database answered: not found, invalid
        } catch (RuntimeException outage) {
            database.failed();
            if (last == null) {
                throw outage;
            }
            return servedStale(last);
        }
        database.succeeded();
        staleSince.set(null);
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
            lastKnown.clear();
        }
        Entry entry = new Entry(loaded, System.nanoTime());
        entries.put(key, entry);
        lastKnown.put(key, loaded);
        if (generation.get() != before) {
            // A change committed while we loaded: what we read may predate it.
            entries.remove(key, entry);
        }
        return loaded;
    }

    private Object servedStale(Object last) {
        staleSince.compareAndSet(null, Instant.now());
        return last;
    }
}
