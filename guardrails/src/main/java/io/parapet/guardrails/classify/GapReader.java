package io.parapet.guardrails.classify;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The middle of a long text, which the sentence embedding's window leaves out, read for the entity head on a helper
 * thread while the caller reads the window. The engine scans a text on one thread, so for a single long text the
 * second core would otherwise sit idle. When the helpers are busy (a loaded gateway, the batch command line), the
 * caller reads the middle itself: a read no helper was free to take, or has not started, is never waited for, so the
 * fork can delay nobody.
 */
final class GapReader {
    /** Helper threads; 0 reads the middle on the caller, after the window, as before 2026-12-06. */
    static final int HELPER_THREADS = Integer.getInteger(
            "parapet.entities.helpers", Math.max(1, Runtime.getRuntime().availableProcessors() - 1));

    /**
     * No queue: a read is handed to a helper only if one is free at that moment, else the caller reads the middle
     * itself (a refused hand-over). So nothing waits in line and nothing the traffic sizes can pile up here.
     */
    private static final ExecutorService HELPERS = HELPER_THREADS == 0
            ? null
            : new ThreadPoolExecutor(
                    HELPER_THREADS,
                    HELPER_THREADS,
                    0,
                    TimeUnit.SECONDS,
                    new SynchronousQueue<>(),
                    Thread.ofPlatform()
                            .daemon()
                            .name("parapet-token-states-", 0)
                            .factory());

    private static final GapReader NOTHING = new GapReader("", new boolean[0], false);

    private final String text;
    private final boolean[] covered;
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final TokenStates.Assembly read = new TokenStates.Assembly();
    private final Future<?> helper;

    private GapReader(String text, boolean[] covered, boolean fork) {
        this.text = text;
        this.covered = covered;
        if (!fork) {
            claimed.set(true);
        }
        this.helper = fork ? handOver() : null;
    }

    private Future<?> handOver() {
        if (HELPERS == null) {
            return null;
        }
        try {
            return HELPERS.submit(this::readUnlessClaimed);
        } catch (RejectedExecutionException everyHelperBusy) {
            return null; // join() finds the read unclaimed and does it on the caller
        }
    }

    /** Starts reading what {@code covered} leaves out of {@code text}, if any of it holds a letter or a digit. */
    static GapReader start(String text, boolean[] covered) {
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            if (!covered[i] && Character.isLetterOrDigit(text.codePointAt(i))) {
                return new GapReader(text, covered, true);
            }
        }
        return NOTHING;
    }

    private void readUnlessClaimed() {
        if (claimed.compareAndSet(false, true)) {
            TokenStates.readGaps(text, covered, read);
        }
    }

    /** Adds the middle's pieces to {@code out}: read here if no helper took it or began, else waited for. */
    void join(TokenStates.Assembly out) {
        if (claimed.compareAndSet(false, true)) {
            TokenStates.readGaps(text, covered, read); // a helper that takes the task now finds it claimed
        } else if (helper != null) {
            try {
                helper.get();
            } catch (InterruptedException e) {
                helper.cancel(true);
                Thread.currentThread().interrupt();
                throw new CancellationException("the scan was abandoned after its timeout");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
        out.addAll(read);
    }

    /** The caller gave up (its scan was abandoned): stop the helper's model runs too. */
    void cancel() {
        claimed.set(true);
        if (helper != null) {
            helper.cancel(true);
        }
    }
}
