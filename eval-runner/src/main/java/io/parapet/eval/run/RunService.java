package io.parapet.eval.run;

import com.fasterxml.jackson.core.type.TypeReference;
import io.micronaut.context.BeanProvider;
import io.micronaut.data.model.Sort;
import io.parapet.core.Actor;
import io.parapet.core.ContentHash;
import io.parapet.core.Json;
import io.parapet.core.Page;
import io.parapet.core.PageRequest;
import io.parapet.core.ParapetException;
import io.parapet.core.Role;
import io.parapet.core.audit.AuditLog;
import io.parapet.eval.EvaluatorCatalog;
import io.parapet.eval.dataset.DatasetService;
import io.parapet.eval.run.internal.ResultTable;
import io.parapet.eval.run.internal.RunEntity;
import io.parapet.eval.run.internal.RunRepository;
import io.parapet.registry.PromptCache;
import io.parapet.registry.PromptService;
import io.parapet.registry.PromptVersion;
import io.parapet.registry.VersionRef;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Evaluation runs: made from a spec (the prompt and dataset references resolved to exact versions at once, so a
 * label moving later changes nothing), read with live progress, their results paged, and cancelled.
 */
@Singleton
public class RunService {
    private static final TypeReference<List<RunSpec.EvaluatorSpec>> SPECS = new TypeReference<>() {};
    private static final List<String> OPEN = List.of("queued", "running");

    private final RunRepository runs;
    private final ResultTable results;
    private final PromptService prompts;
    private final PromptCache cache;
    private final DatasetService datasets;
    private final EvaluatorCatalog catalog;
    private final AuditLog audit;
    private final Clock clock;
    private final BeanProvider<RunWorker> worker;

    RunService(
            RunRepository runs,
            ResultTable results,
            PromptService prompts,
            PromptCache cache,
            DatasetService datasets,
            EvaluatorCatalog catalog,
            AuditLog audit,
            Clock clock,
            BeanProvider<RunWorker> worker) {
        this.runs = runs;
        this.results = results;
        this.prompts = prompts;
        this.cache = cache;
        this.datasets = datasets;
        this.catalog = catalog;
        this.audit = audit;
        this.clock = clock;
        this.worker = worker;
    }

    @Transactional
    public EvalRun create(RunSpec spec, Actor actor) {
        actor.require(Role.EDITOR, "start evaluation runs");
        if (spec == null) {
            throw ParapetException.invalid("a run needs a body: {prompt, dataset, evaluators}");
        }
        Evaluators.check(catalog, spec.evaluators(), cache); // refuses unknown evaluators and settings now, not mid-run
        int trials = bounded(spec.trials(), 1, 1, 20, "trials");
        int concurrency = bounded(spec.concurrency(), 8, 1, 256, "concurrency");
        if (spec.maxTokens() != null && spec.maxTokens() < 1) {
            throw ParapetException.invalidField("maxTokens", "must be 1 or more");
        }
        if (spec.maxCost() != null && !(spec.maxCost() > 0 && spec.maxCost() <= 1_000_000)) {
            throw ParapetException.invalidField("maxCost", "must be more than 0 and at most 1000000 US dollars");
        }
        VersionRef ref = VersionRef.parse(spec.prompt(), "prompt");
        PromptVersion prompt = prompts.resolve(ref.prompt(), ref.label(), ref.version());
        if (spec.modelOverride() != null) {
            cache.model(spec.modelOverride(), null); // a 404 naming the model when it does not exist
        }
        DatasetService.Opened dataset = datasets.openRef(spec.dataset(), "dataset");
        long total = (long) dataset.version().itemCount() * trials;
        RunEntity saved = runs.save(new RunEntity(
                null,
                prompt.name(),
                ref.toString(),
                prompt.version(),
                dataset.version().dataset(),
                dataset.version().version(),
                dataset.versionId(),
                spec.modelOverride(),
                Json.write(spec.evaluators()),
                trials,
                concurrency,
                spec.maxTokens(),
                RunStatus.QUEUED.wire(),
                null,
                Math.toIntExact(total),
                0,
                0,
                0,
                0,
                false,
                null,
                null,
                null,
                actor.name(),
                clock.instant(),
                null,
                null,
                spec.maxCost(),
                0));
        audit.record(
                actor,
                "eval.run.create",
                "eval-run",
                String.valueOf(saved.id()),
                null,
                null,
                prompt.name() + "#" + prompt.version() + " on "
                        + dataset.version().dataset() + "#" + dataset.version().version() + ", " + total + " answers");
        worker.ifPresent(RunWorker::wake);
        return view(saved);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public EvalRun get(long id) {
        return view(run(id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<EvalRun> list(String prompt, PageRequest page) {
        var pageable = page.pageable(Sort.of(Sort.Order.desc("id")));
        return Page.of(prompt == null ? runs.findAll(pageable) : runs.findByPrompt(prompt, pageable))
                .map(this::view);
    }

    /** Results in item order; {@code filter} is all, passed, failed or errored. */
    @Transactional
    public Page<ItemResult> results(long id, String filter, PageRequest page) {
        RunEntity run = run(id);
        String f = filter == null ? "all" : filter;
        if (!List.of("all", "passed", "failed", "errored").contains(f)) {
            throw ParapetException.invalidField("filter", "must be all, passed, failed or errored");
        }
        List<ItemResult> found = results.page(run.id(), f, page.page() * page.size(), page.size());
        return new Page<>(found, page.page(), page.size(), run.done());
    }

    /** Asks the run to stop: a queued run is cancelled at once, a running one when its worker next writes. */
    @Transactional
    public EvalRun cancel(long id, Actor actor) {
        actor.require(Role.EDITOR, "cancel evaluation runs");
        RunEntity run = run(id);
        if (RunStatus.of(run.status()).finished()) {
            throw ParapetException.conflict("run " + id + " has already finished (" + run.status() + ")");
        }
        runs.requestCancel(id, OPEN);
        runs.cancelQueued(id, "cancelled by " + actor.name() + " before it started", clock.instant());
        audit.record(actor, "eval.run.cancel", "eval-run", String.valueOf(id), null, null, "cancel requested");
        return view(run(id));
    }

    /** Runs of one prompt version on one dataset version with exactly these evaluators (a suite), newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<EvalRun> suiteRuns(
            String prompt, int version, long datasetVersionId, List<RunSpec.EvaluatorSpec> evaluators) {
        String suite = ContentHash.canonical(Json.mapper().valueToTree(evaluators));
        return runs.findSuiteRuns(prompt, version, datasetVersionId).stream()
                .filter(r -> ContentHash.canonical(Json.read(r.evaluators())).equals(suite))
                .map(this::view)
                .toList();
    }

    RunEntity run(long id) {
        return runs.findById(id)
                .orElseThrow(() -> ParapetException.notFound("evaluation run " + id + " does not exist"));
    }

    private EvalRun view(RunEntity r) {
        Instant end = r.finishedAt() != null ? r.finishedAt() : clock.instant();
        double seconds =
                r.startedAt() == null ? 0 : Duration.between(r.startedAt(), end).toMillis() / 1000.0;
        double rate = seconds <= 0 ? 0 : r.done() / seconds;
        Long eta = rate <= 0 || RunStatus.of(r.status()).finished() ? null : Math.round((r.total() - r.done()) / rate);
        return new EvalRun(
                r.id(),
                r.prompt(),
                r.promptVersion(),
                r.dataset(),
                r.datasetVersion(),
                r.modelOverride(),
                Json.mapper().convertValue(Json.read(r.evaluators()), SPECS),
                r.trials(),
                r.concurrency(),
                r.maxTokens(),
                r.status(),
                r.reason(),
                new EvalRun.Progress(r.done(), r.total(), r.errored(), r.passed(), r.tokens(), r.cost(), rate, eta),
                r.aggregates() == null
                        ? null
                        : Json.mapper().convertValue(Json.read(r.aggregates()), RunAggregates.class),
                r.createdBy(),
                r.createdAt(),
                r.startedAt(),
                r.finishedAt(),
                r.maxCost());
    }

    private static int bounded(Integer value, int fallback, int min, int max, String field) {
        int v = value == null ? fallback : value;
        if (v < min || v > max) {
            throw ParapetException.invalidField(field, "must be " + min + ".." + max + ", not " + v);
        }
        return v;
    }
}
