package io.parapet.eval.run;

import com.fasterxml.jackson.core.type.TypeReference;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.parapet.core.Json;
import io.parapet.core.SecureTokens;
import io.parapet.eval.EvaluatorCatalog;
import io.parapet.eval.dataset.DatasetService;
import io.parapet.eval.run.internal.RunEntity;
import io.parapet.eval.run.internal.RunRepository;
import io.parapet.eval.spi.EvalTarget;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes runs in this process: it claims queued runs, and runs whose worker stopped renewing its lease (a crash),
 * by a compare-and-set on the lease, so N processes on one database never execute one run twice at once. A
 * graceful stop gives the lease back, and the run resumes at once elsewhere, or here after a restart.
 */
@Singleton
@Requires(property = "parapet.eval.runner.enabled", notEquals = "false")
@Requires(beans = EvalTarget.class)
public class RunWorker implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(RunWorker.class);
    private static final TypeReference<List<RunSpec.EvaluatorSpec>> SPECS = new TypeReference<>() {};

    private final RunRepository runs;
    private final RunLedger ledger;
    private final DatasetService datasets;
    private final EvalTarget target;
    private final EvaluatorCatalog catalog;
    private final RunConfig config;
    private final Clock clock;
    private final io.micronaut.context.event.ApplicationEventPublisher<RunFinished> events;
    private final io.micronaut.context.BeanProvider<RunService> service;
    private final io.parapet.registry.PromptCache prompts;
    private final String owner = "worker-" + SecureTokens.urlSafe(6);
    private final Map<Long, RunExecution> active = new ConcurrentHashMap<>();
    private volatile Thread loop;

    RunWorker(
            RunRepository runs,
            RunLedger ledger,
            DatasetService datasets,
            EvalTarget target,
            EvaluatorCatalog catalog,
            RunConfig config,
            Clock clock,
            io.micronaut.context.event.ApplicationEventPublisher<RunFinished> events,
            io.micronaut.context.BeanProvider<RunService> service,
            io.parapet.registry.PromptCache prompts) {
        this.prompts = prompts;
        this.events = events;
        this.service = service;
        this.runs = runs;
        this.ledger = ledger;
        this.datasets = datasets;
        this.target = target;
        this.catalog = catalog;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        start();
    }

    /** Starts looking for runs (once); the CLI's in-process mode calls it without a server. */
    public synchronized void start() {
        if (loop == null) {
            loop = Thread.ofVirtual().name("eval-runner").start(this::poll);
        }
    }

    /** Looks for work now instead of at the next poll (a run was just created here). */
    public void wake() {
        Thread t = loop;
        if (t != null) {
            java.util.concurrent.locks.LockSupport.unpark(t);
        }
    }

    private void poll() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                if (active.size() < config.maxParallelRuns()) {
                    claimSome();
                }
            } catch (RuntimeException e) {
                LOG.warn("looking for evaluation runs failed: {}", e.toString());
            }
            java.util.concurrent.locks.LockSupport.parkNanos(config.poll().toNanos());
        }
    }

    private void claimSome() {
        Instant now = clock.instant();
        for (RunEntity run : runs.findClaimable(now)) {
            if (active.size() >= config.maxParallelRuns()) {
                return;
            }
            if (runs.claim(run.id(), owner, now.plus(config.lease()), now) == 1) {
                RunEntity claimed = runs.findById(run.id()).orElseThrow();
                Thread.ofVirtual().name("eval-run-" + run.id()).start(() -> execute(claimed));
            }
        }
    }

    private void execute(RunEntity run) {
        RunExecution execution;
        try {
            ItemJudge judge = new ItemJudge(
                    target,
                    Evaluators.build(
                            catalog,
                            Json.mapper().readValue(run.evaluators(), SPECS),
                            new JudgeContext(prompts, target, "eval:" + run.id())),
                    config.retries());
            execution = new RunExecution(run, owner, datasets, ledger, judge, config.lease(), clock);
        } catch (Exception e) {
            LOG.error("run {} cannot start: {}", run.id(), e.toString());
            ledger.finish(
                    run.id(),
                    owner,
                    RunStatus.COMPLETED_WITH_ERRORS,
                    "cannot start: " + e.getMessage(),
                    null,
                    clock.instant());
            return;
        }
        active.put(run.id(), execution);
        try {
            RunExecution.Stop stop = execution.execute();
            switch (stop) {
                case SHUTDOWN -> runs.release(run.id(), owner);
                case LEASE_LOST -> LOG.info("run {} went on in another worker", run.id());
                default -> finish(run, stop);
            }
        } catch (InterruptedException e) {
            runs.release(run.id(), owner);
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The lease runs out and the run resumes, here or in another worker.
            LOG.warn("run {} stopped: {}; it resumes when its lease runs out", run.id(), e.toString());
        } finally {
            active.remove(run.id());
        }
    }

    private void finish(RunEntity run, RunExecution.Stop stop) {
        RunAggregates aggregates = ledger.aggregate(run.id());
        RunStatus status;
        String reason = null;
        switch (stop) {
            case CANCELLED -> {
                status = RunStatus.CANCELLED;
                reason = "cancelled after " + aggregates.answers() + " of " + run.total() + " answers";
            }
            case BUDGET -> {
                status = RunStatus.STOPPED_AT_BUDGET;
                reason = (run.maxTokens() != null
                                        && aggregates.inputTokens() + aggregates.outputTokens() >= run.maxTokens()
                                ? "stopped at the token budget of " + run.maxTokens()
                                : "stopped at the cost budget of $" + run.maxCost())
                        + " after " + (aggregates.inputTokens() + aggregates.outputTokens()) + " tokens, $"
                        + String.format(java.util.Locale.ROOT, "%.4f", aggregates.cost()) + " and "
                        + aggregates.answers() + " of " + run.total() + " answers";
            }
            default -> {
                status = aggregates.errored() > 0 ? RunStatus.COMPLETED_WITH_ERRORS : RunStatus.COMPLETED;
                reason = aggregates.errored() > 0
                        ? aggregates.errored() + " of " + aggregates.answers() + " answers errored"
                        : null;
            }
        }
        if (ledger.finish(run.id(), owner, status, reason, Json.write(aggregates), clock.instant())) {
            events.publishEvent(new RunFinished(service.get().get(run.id())));
        }
    }

    @PreDestroy
    void stop() {
        Thread t = loop;
        if (t != null) {
            t.interrupt();
        }
        active.values().forEach(RunExecution::shutdown);
        // Give the runs a moment to store what they have and hand their leases back before the database goes.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (!active.isEmpty() && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
        }
    }
}
