package io.parapet.server.gateway;

import io.parapet.core.events.EventType;
import io.parapet.core.events.Outbox;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when a chat request ends: its tokens are charged to the key's budget, and it becomes a {@code
 * parapet.chat.completion.v1} event. Events are written to the outbox by one writer thread, in arrival order and in
 * batches (one commit for many), so no request waits for a database commit. When the database cannot take them (an
 * outage the gateway rides out on cached prompts), they wait in memory and are written once it is back; only a
 * process that stops meanwhile, or more than {@link #MAX_WAITING} waiting events, loses some.
 */
@Singleton
class CompletionEvents {
    static final int MAX_WAITING = 10_000;
    private static final int BATCH = 500;
    private static final Logger LOG = LoggerFactory.getLogger(CompletionEvents.class);

    private final Outbox outbox;
    private final RateLimits limits;
    private final LinkedBlockingDeque<Outbox.Pending> waiting = new LinkedBlockingDeque<>();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean running = true;

    CompletionEvents(Outbox outbox, RateLimits limits) {
        this.outbox = outbox;
        this.limits = limits;
        this.writer = Thread.ofVirtual().name("completion-events").start(this::write);
    }

    void finished(CompletionTrace trace) {
        limits.charge(trace.budget(), trace.totalTokens());
        waiting.addLast(
                new Outbox.Pending(EventType.CHAT_COMPLETION, "gateway", trace.eventKey(), trace.toEventData()));
        if (waiting.size() > MAX_WAITING && waiting.pollFirst() != null) {
            LOG.error(
                    "{} completion events dropped: the database has been unreachable too long",
                    dropped.incrementAndGet());
        }
    }

    /** Events not yet in the outbox. */
    int waiting() {
        return waiting.size();
    }

    private void write() {
        boolean failing = false;
        while (running || !waiting.isEmpty()) {
            List<Outbox.Pending> batch = new ArrayList<>();
            try {
                Outbox.Pending first = waiting.pollFirst(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                waiting.drainTo(batch, BATCH - 1);
                outbox.appendAll(batch);
                if (failing) {
                    LOG.info("the database takes completion events again");
                    failing = false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                for (int i = batch.size() - 1; i >= 0; i--) {
                    waiting.addFirst(batch.get(i)); // back in front, in order
                }
                if (!failing) {
                    LOG.warn("the database cannot take completion events; keeping them in memory until it is back");
                    failing = true;
                }
                sleep(1_000);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes what is waiting (for up to 5 s) before the server stops. */
    @PreDestroy
    void close() throws InterruptedException {
        running = false;
        writer.join(5_000);
    }
}
