package io.parapet.gateway;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.convert.format.ReadableBytes;
import io.parapet.core.events.ChatCompletionEvent;
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
 * The one place a chat request's ending is recorded, whoever served it (HTTP, a stream, the playground, an
 * evaluation): its trace is closed into a {@link CompletionOutcome}, its tokens are charged to the key's budget, it is
 * counted in the Prometheus metrics ({@link CompletionMetrics}), and it becomes a {@code parapet.chat.completion.v1} event. Events are written to the outbox by one writer thread, in arrival order and in
 * batches (one commit for many), so no request waits for a database commit. When the database cannot take them (an
 * outage the gateway rides out on cached prompts), they wait in memory and are written once it is back; only a
 * process that stops meanwhile, or events past the byte budget of the waiting line (oldest dropped first), are lost.
 */
@Singleton
public class CompletionEvents {
    private static final int BATCH = 500;
    /** What an event costs besides its texts (names, timings, verdicts), in bytes, for the waiting line's budget. */
    private static final int EVENT_OVERHEAD_BYTES = 1_024;

    private static final Logger LOG = LoggerFactory.getLogger(CompletionEvents.class);

    private record Waiting(Outbox.Pending event, long bytes) {}

    private final Outbox outbox;
    private final RateLimits limits;
    private final CompletionMetrics metrics;
    private final int maxTextChars;
    private final long maxWaitingBytes;
    private final LinkedBlockingDeque<Waiting> waiting = new LinkedBlockingDeque<>();
    private final AtomicLong waitingBytes = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean running = true;

    CompletionEvents(
            Outbox outbox,
            RateLimits limits,
            CompletionMetrics metrics,
            @Value("${parapet.events.max-text-chars:16384}") int maxTextChars,
            @Value("${parapet.events.outage-buffer:64MB}") @ReadableBytes long maxWaitingBytes) {
        this.outbox = outbox;
        this.limits = limits;
        this.metrics = metrics;
        this.maxTextChars = maxTextChars;
        this.maxWaitingBytes = maxWaitingBytes;
        this.writer = Thread.ofVirtual().name("completion-events").start(this::write);
    }

    /**
     * Closes the trace and records it; a trace already closed is left alone (a request is recorded once) and its
     * outcome returned.
     */
    CompletionOutcome record(CompletionTrace trace) {
        CompletionOutcome outcome = trace.close(maxTextChars);
        if (outcome == null) {
            return trace.closed();
        }
        limits.charge(trace.budget(), outcome.totalTokens());
        metrics.record(outcome);
        if (outcome.event() != null) {
            append(outcome.event(), trace.eventKey());
        }
        return outcome;
    }

    private void append(ChatCompletionEvent event, String key) {
        long bytes = EVENT_OVERHEAD_BYTES
                + 2L * (event.input().length() + event.output().length());
        waiting.addLast(new Waiting(new Outbox.Pending(EventType.CHAT_COMPLETION, "gateway", key, event), bytes));
        waitingBytes.addAndGet(bytes);
        dropOldestBeyondBudget();
    }

    /**
     * Drops the oldest waiting events while their bytes pass the budget, never the newest one: while the writer holds
     * a batch it could not write, the line may hold only the event just added, and the batch's (older) events are
     * dropped instead when the writer puts them back in front.
     */
    private void dropOldestBeyondBudget() {
        while (waitingBytes.get() > maxWaitingBytes && waiting.size() > 1) {
            Waiting oldest = waiting.pollFirst();
            if (oldest == null) {
                break;
            }
            waitingBytes.addAndGet(-oldest.bytes());
            LOG.error(
                    "{} completion events dropped: the database has been unreachable too long",
                    dropped.incrementAndGet());
        }
    }

    /** Bytes (estimated) of the events not yet in the outbox. */
    long waitingBytes() {
        return waitingBytes.get();
    }

    /** Events not yet in the outbox. */
    int waiting() {
        return waiting.size();
    }

    /** Events dropped because the waiting line was full. */
    long dropped() {
        return dropped.get();
    }

    private void write() {
        boolean failing = false;
        while (running || !waiting.isEmpty()) {
            List<Waiting> batch = new ArrayList<>();
            try {
                Waiting first = waiting.pollFirst(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                waiting.drainTo(batch, BATCH - 1);
                outbox.appendAll(batch.stream().map(Waiting::event).toList());
                waitingBytes.addAndGet(-batch.stream().mapToLong(Waiting::bytes).sum());
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
                dropOldestBeyondBudget();
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
