package io.parapet.guardrails.classify;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The middle of a long text, which the sentence embedding's window leaves out, read for the entity head on a helper
 * thread while the caller reads the window, and then on both ({@link GapRuns}). The engine scans a text on one thread,
 * so for a single long text the second core would otherwise sit idle. When the helpers are busy (a loaded gateway, the
 * batch command line), the caller reads the middle itself: a run no helper was free to take, or has not started, is
 * never waited for, so the fork delays nobody by more than the run a helper is reading.
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

    private static final GapReader NOTHING = new GapReader(null);

    private final GapRuns runs;
    private final Future<?> helper;

    private GapReader(GapRuns runs) {
        this.runs = runs;
        this.helper = runs == null ? null : handOver();
    }

    private Future<?> handOver() {
        if (HELPERS == null) {
            return null;
        }
        try {
            return HELPERS.submit(this::readWhileRunsLeft);
        } catch (RejectedExecutionException everyHelperBusy) {
            return null; // join() finds every run unclaimed and reads them on the caller
        }
    }

    /** Starts reading what {@code covered} leaves out of {@code text}, if any of it holds a letter or a digit. */
    static GapReader start(String text, boolean[] covered) {
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            if (!covered[i] && Character.isLetterOrDigit(text.codePointAt(i))) {
                return new GapReader(new GapRuns(text, covered));
            }
        }
        return NOTHING;
    }

    private void readWhileRunsLeft() {
        while (runs.readNext()) {
            // each call reads one run
        }
    }

    /** Adds the middle's pieces to {@code out}: reads the runs no helper has claimed, then waits for the helper's. */
    void join(TokenStates.Assembly out) {
        if (runs == null) {
            return;
        }
        try {
            readWhileRunsLeft();
        } catch (RuntimeException | Error e) {
            cancel();
            throw e;
        }
        if (helper != null) {
            try {
                helper.get();
            } catch (InterruptedException e) {
                cancel();
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
        runs.addTo(out);
    }

    /** The caller gave up (its scan was abandoned): stop the helper's model runs too. */
    void cancel() {
        if (runs != null) {
            runs.stop();
        }
        if (helper != null) {
            helper.cancel(true);
        }
    }
}
