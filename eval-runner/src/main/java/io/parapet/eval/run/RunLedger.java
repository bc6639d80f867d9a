package io.parapet.eval.run;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.parapet.core.Json;
import io.parapet.core.events.Outbox;
import io.parapet.eval.run.internal.ResultTable;
import io.parapet.eval.run.internal.RunEntity;
import io.parapet.eval.run.internal.RunRepository;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;

/**
 * The runner's writes, each one transaction: a batch of results with the run's counters and its lease renewed
 * together, so the counters always equal the stored results; a worker that lost its lease writes nothing.
 */
@Singleton
class RunLedger {
    private final ResultTable results;
    private final RunRepository runs;
    private final JdbcOperations jdbc;
    private final Outbox outbox;

    RunLedger(ResultTable results, RunRepository runs, JdbcOperations jdbc, Outbox outbox) {
        this.results = results;
        this.runs = runs;
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    /** What the worker learns from a write: cancel asked, tokens spent so far. */
    record State(boolean cancelRequested, long tokens, double cost) {}

    @Transactional
    State record(long runId, String owner, List<ItemResult> batch, Instant leaseUntil) {
        List<ItemResult> fresh = batch.isEmpty() ? List.of() : results.insertNew(runId, batch);
        int errored = 0;
        int passed = 0;
        long tokens = 0;
        double cost = 0;
        for (ItemResult r : fresh) {
            cost += r.cost() == null ? 0 : r.cost();
            errored += r.errored() ? 1 : 0;
            passed += r.passed() ? 1 : 0;
            tokens += r.inputTokens() + r.outputTokens();
        }
        int n = fresh.size();
        int e = errored;
        int p = passed;
        long t = tokens;
        double c = cost;
        int updated = jdbc.prepareStatement(
                "UPDATE eval_run SET done = done + ?, errored = errored + ?, passed = passed + ?, tokens = tokens + ?,"
                        + " cost = cost + ?, lease_until = ? WHERE id = ? AND lease_owner = ?",
                s -> {
                    s.setInt(1, n);
                    s.setInt(2, e);
                    s.setInt(3, p);
                    s.setLong(4, t);
                    s.setDouble(5, c);
                    s.setTimestamp(6, java.sql.Timestamp.from(leaseUntil));
                    s.setLong(7, runId);
                    s.setString(8, owner);
                    return s.executeUpdate();
                });
        if (updated != 1) {
            // Another worker took the run over: roll this batch back, it is redone there.
            throw new LeaseLost(runId);
        }
        return jdbc.prepareStatement("SELECT cancel_requested, tokens, cost FROM eval_run WHERE id = ?", s -> {
            s.setLong(1, runId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new State(r.getBoolean(1), r.getLong(2), r.getDouble(3));
            }
        });
    }

    @Transactional
    java.util.Set<Long> done(long runId, int from, int to, int trials) {
        return results.done(runId, from, to, trials);
    }

    @Transactional
    RunAggregates aggregate(long runId) {
        RunAggregates.Builder builder = new RunAggregates.Builder();
        results.each(runId, builder::add);
        return builder.build();
    }

    /**
     * Ends the run and, in the same transaction, queues its result for {@code parapet.eval.results}; false when
     * this worker no longer owns the run.
     */
    @Transactional
    boolean finish(long runId, String owner, RunStatus status, String reason, String aggregates, Instant now) {
        if (runs.finish(runId, owner, status.wire(), reason, aggregates, now) != 1) {
            return false;
        }
        RunEntity run = runs.findById(runId).orElseThrow();
        var event = new io.parapet.core.events.EvalResultEvent(
                runId,
                run.prompt(),
                run.promptVersion(),
                run.dataset(),
                run.datasetVersion(),
                run.status(),
                run.reason(),
                run.done(),
                run.total(),
                run.errored(),
                run.passed(),
                run.tokens(),
                run.cost(),
                aggregates == null ? null : Json.read(aggregates));
        outbox.append(io.parapet.core.events.EvalResultEvent.TYPE, "eval-runner", run.prompt(), event);
        return true;
    }

    /** This worker no longer owns the run; nothing it wrote in the transaction stays. */
    static final class LeaseLost extends RuntimeException {
        LeaseLost(long runId) {
            super("run " + runId + " was taken over by another worker", null, false, false);
        }
    }
}
