package io.parapet.eval.run;

import io.parapet.eval.dataset.DatasetService;
import io.parapet.eval.run.internal.RunEntity;
import io.parapet.eval.spi.EvalTarget;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One run executed by this process: the dataset is read a page at a time, each (item, trial) without a stored result
 * is answered with at most {@code concurrency} in flight, and a writer stores results in batches together with the
 * counters and the lease. Memory holds one page of items and the answers in flight, whatever the dataset's size.
 */
final class RunExecution {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunExecution.class);
    static final int PAGE = 500;
    private static final int BATCH = 256;

    /** Why a run stopped before its last item. */
    enum Stop {
        NONE,
        CANCELLED,
        BUDGET,
        SHUTDOWN,
        LEASE_LOST
    }

    private final RunEntity run;
    private final String owner;
    private final DatasetService datasets;
    private final RunLedger ledger;
    private final ItemJudge judge;
    private final Duration lease;
    private final Clock clock;
    private final BlockingQueue<ItemResult> finished;
    private volatile Stop stop = Stop.NONE;
    private volatile boolean answering = true;

    RunExecution(
            RunEntity run,
            String owner,
            DatasetService datasets,
            RunLedger ledger,
            ItemJudge judge,
            Duration lease,
            Clock clock) {
        this.run = run;
        this.owner = owner;
        this.datasets = datasets;
        this.ledger = ledger;
        this.judge = judge;
        this.lease = lease;
        this.clock = clock;
        this.finished = new ArrayBlockingQueue<>(Math.max(BATCH * 2, run.concurrency() * 2));
    }

    /** Answers every open item; returns why it stopped early, or NONE. */
    Stop execute() throws InterruptedException {
        Semaphore inFlight = new Semaphore(run.concurrency());
        Thread writer = Thread.ofVirtual().name("eval-writer-" + run.id()).start(this::writeLoop);
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            int from = 0;
            while (stop == Stop.NONE) {
                List<DatasetService.Positioned> page = datasets.page(run.datasetVersionId(), from, PAGE);
                if (page.isEmpty()) {
                    break;
                }
                int last = page.get(page.size() - 1).position();
                Set<Long> done = ledger.done(run.id(), from, last, run.trials());
                for (DatasetService.Positioned p : page) {
                    for (int trial = 0; trial < run.trials() && stop == Stop.NONE; trial++) {
                        if (done.contains((long) p.position() * run.trials() + trial)) {
                            continue;
                        }
                        inFlight.acquire();
                        int t = trial;
                        workers.submit(() -> {
                            try {
                                finished.put(judge.judge(call(p), p.position(), t, p.item()));
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            } finally {
                                inFlight.release();
                            }
                        });
                    }
                }
                from = last + 1;
            }
            // On a stop, the answers in flight finish and are stored (at most `concurrency` of them): interrupting
            // them would close the connections of calls inside JDBC, and their results count anyway.
        } catch (InterruptedException e) {
            stop = Stop.SHUTDOWN;
            throw e;
        } finally {
            // A flag, not an interrupt: interrupting a thread inside a JDBC call closes its connection's socket.
            answering = false;
            writer.join();
        }
        return stop;
    }

    private EvalTarget.Call call(DatasetService.Positioned p) {
        return new EvalTarget.Call(
                "eval:" + run.id(),
                run.prompt(),
                run.promptVersion(),
                p.item().variables(),
                p.item().messages() == null ? List.of() : p.item().messages(),
                run.modelOverride());
    }

    /**
     * Stores results in batches until the answering ends, then stores what is left. A batch the database refuses (an outage)
     * is kept and tried again; meanwhile the bounded queue holds the workers back, so nothing is lost or piled up.
     */
    private void writeLoop() {
        List<ItemResult> batch = new ArrayList<>(BATCH);
        int failures = 0;
        while (answering || !finished.isEmpty() || !batch.isEmpty()) {
            try {
                if (batch.size() < BATCH) {
                    ItemResult first = finished.poll(100, TimeUnit.MILLISECONDS);
                    if (first != null) {
                        batch.add(first);
                        finished.drainTo(batch, BATCH - batch.size());
                    }
                }
                if (write(batch)) {
                    batch.clear();
                    failures = 0;
                } else if (++failures > 3 && !answering) {
                    return; // stopping with the database away: unwritten answers are redone when the run resumes
                } else {
                    Thread.sleep(Math.min(5000, 250L * failures));
                }
            } catch (InterruptedException e) {
                return; // the JVM is going down; what was not stored is redone when the run resumes
            }
        }
    }

    private boolean write(List<ItemResult> batch) {
        if (stop == Stop.LEASE_LOST) {
            return true;
        }
        try {
            RunLedger.State state =
                    ledger.record(run.id(), owner, batch, clock.instant().plus(lease));
            if (state.cancelRequested()) {
                stop(Stop.CANCELLED);
            } else if (run.maxTokens() != null && state.tokens() >= run.maxTokens()) {
                stop(Stop.BUDGET);
            } else if (run.maxCost() != null && state.cost() >= run.maxCost()) {
                stop(Stop.BUDGET);
            }
            return true;
        } catch (RunLedger.LeaseLost e) {
            stop(Stop.LEASE_LOST);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("run {}: storing {} results failed, will retry: {}", run.id(), batch.size(), e.toString());
            return false;
        }
    }

    private void stop(Stop why) {
        if (stop == Stop.NONE) {
            stop = why;
        }
    }

    void shutdown() {
        stop(Stop.SHUTDOWN);
    }
}
