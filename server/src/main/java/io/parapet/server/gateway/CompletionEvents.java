package io.parapet.server.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.scheduling.annotation.Scheduled;
import io.parapet.core.events.EventType;
import io.parapet.core.events.Outbox;
import jakarta.inject.Singleton;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when a chat request ends: its tokens are charged to the key's budget, and it is written to the
 * outbox as a {@code parapet.chat.completion.v1} event. When the database cannot take the event (an outage the
 * gateway rides out on cached prompts), the event waits in memory and is written once the database is back; only
 * a process that stops during the outage, or more than {@link #MAX_WAITING} waiting events, loses some.
 */
@Singleton
class CompletionEvents {
    static final int MAX_WAITING = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(CompletionEvents.class);

    private record Pending(String key, ObjectNode data) {}

    private final Outbox outbox;
    private final RateLimits limits;
    private final ConcurrentLinkedDeque<Pending> waiting = new ConcurrentLinkedDeque<>();
    private final AtomicLong dropped = new AtomicLong();

    CompletionEvents(Outbox outbox, RateLimits limits) {
        this.outbox = outbox;
        this.limits = limits;
    }

    void finished(CompletionTrace trace) {
        limits.charge(trace.key(), trace.totalTokens());
        Pending event = new Pending(trace.eventKey(), trace.toEventData());
        if (!waiting.isEmpty() || !write(event)) {
            wait(event); // behind the others, so a key's events keep their order
        }
    }

    /** Events waiting for the database. */
    int waiting() {
        return waiting.size();
    }

    @Scheduled(fixedDelay = "1s", initialDelay = "1s")
    synchronized void retry() {
        for (Pending next = waiting.peekFirst(); next != null; next = waiting.peekFirst()) {
            if (!write(next)) {
                return;
            }
            waiting.pollFirst();
        }
    }

    private boolean write(Pending event) {
        try {
            outbox.append(EventType.CHAT_COMPLETION, "gateway", event.key(), event.data());
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void wait(Pending event) {
        waiting.addLast(event);
        if (waiting.size() > MAX_WAITING && waiting.pollFirst() != null) {
            LOG.error(
                    "{} completion events dropped: the database has been unreachable too long",
                    dropped.incrementAndGet());
        } else if (waiting.size() == 1) {
            LOG.warn("the database cannot take completion events; keeping them in memory until it is back");
        }
    }
}
