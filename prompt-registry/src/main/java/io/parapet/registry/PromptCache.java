package io.parapet.registry;

import io.micronaut.transaction.annotation.TransactionalEventListener;
import jakarta.inject.Singleton;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Resolved and compiled prompts, kept in process for the chat gateway. Every committed change to any prompt's
 * versions or labels clears it (includes make prompts depend on each other, and changes are rare next to reads).
 * A load that races with a change is discarded, so a stale entry never survives an invalidation.
 */
@Singleton
public class PromptCache {
    static final int MAX_ENTRIES = 10_000;

    private record Key(String name, String label, Integer version) {}

    private final PromptService prompts;
    private final ConcurrentHashMap<Key, ResolvedPrompt> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    PromptCache(PromptService prompts) {
        this.prompts = prompts;
    }

    /** As {@link PromptService#compile}, from memory when possible. */
    public ResolvedPrompt get(String name, String label, Integer version) {
        Key key = new Key(name, label, version);
        ResolvedPrompt hit = entries.get(key);
        if (hit != null) {
            return hit;
        }
        long before = generation.get();
        ResolvedPrompt loaded = prompts.compile(name, label, version);
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(key, loaded);
        if (generation.get() != before) {
            // A change committed while we loaded: what we read may predate it.
            entries.remove(key, loaded);
        }
        return loaded;
    }

    /** Forgets everything; called after each committed prompt change, and by cross-instance notifications. */
    public void invalidateAll() {
        generation.incrementAndGet();
        entries.clear();
    }

    @TransactionalEventListener(TransactionalEventListener.TransactionPhase.AFTER_COMMIT)
    void onChange(PromptChanged change) {
        invalidateAll();
    }

    int size() {
        return entries.size();
    }
}
