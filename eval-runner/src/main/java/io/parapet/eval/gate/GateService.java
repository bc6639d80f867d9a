package io.parapet.eval.gate;

import com.fasterxml.jackson.core.type.TypeReference;
import io.parapet.core.Actor;
import io.parapet.core.Json;
import io.parapet.core.ParapetException;
import io.parapet.core.Role;
import io.parapet.core.audit.AuditLog;
import io.parapet.eval.EvaluatorCatalog;
import io.parapet.eval.dataset.DatasetService;
import io.parapet.eval.run.EvalRun;
import io.parapet.eval.run.RunComparer;
import io.parapet.eval.run.RunComparison;
import io.parapet.eval.run.RunService;
import io.parapet.eval.run.RunSpec;
import io.parapet.registry.LabelGuard;
import io.parapet.registry.LabelService;
import io.parapet.registry.Names;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Promotion gates: a publisher puts a gate on a prompt's label, and from then on the label moves only to a version
 * with a completed run of the gate's suite (its dataset and evaluators) within {@code maxAgeMinutes}, passing at
 * least {@code minPassRate} of its answers, and, with {@code noRegression}, not significantly worse than the version
 * the label points at (compared with that version's latest run of the same suite). An admin may let one move
 * through without it, with a reason; both are audited.
 */
@Singleton
public class GateService implements LabelGuard {
    private static final TypeReference<List<RunSpec.EvaluatorSpec>> SPECS = new TypeReference<>() {};

    private final GateRepository gates;
    private final DatasetService datasets;
    private final RunService runs;
    private final RunComparer comparer;
    private final EvaluatorCatalog catalog;
    private final io.micronaut.context.BeanProvider<LabelService> labels;
    private final AuditLog audit;
    private final Clock clock;
    private final io.parapet.registry.PromptCache prompts;

    GateService(
            GateRepository gates,
            DatasetService datasets,
            RunService runs,
            RunComparer comparer,
            EvaluatorCatalog catalog,
            io.micronaut.context.BeanProvider<LabelService> labels,
            AuditLog audit,
            Clock clock,
            io.parapet.registry.PromptCache prompts) {
        this.prompts = prompts;
        this.gates = gates;
        this.datasets = datasets;
        this.runs = runs;
        this.comparer = comparer;
        this.catalog = catalog;
        this.labels = labels;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public Gate set(String prompt, String label, GateSpec spec, Actor actor) {
        actor.require(Role.PUBLISHER, "set promotion gates");
        Names.checkPrompt(prompt, "prompt");
        Names.checkLabel(label, "label");
        if (spec == null) {
            throw ParapetException.invalid("a gate needs a body: {dataset, evaluators, minPassRate?, maxAgeMinutes?}");
        }
        datasets.openRef(spec.dataset(), "dataset"); // a 404 now, not at the first move
        io.parapet.eval.run.Evaluators.check(catalog, spec.evaluators(), prompts);
        double minPassRate = spec.minPassRate() == null ? 1 : spec.minPassRate();
        if (!(minPassRate >= 0 && minPassRate <= 1)) {
            throw ParapetException.invalidField("minPassRate", "must be 0..1, not " + minPassRate);
        }
        int maxAge = spec.maxAgeMinutes() == null ? 1440 : spec.maxAgeMinutes();
        if (maxAge < 1 || maxAge > 525_600) {
            throw ParapetException.invalidField("maxAgeMinutes", "must be 1..525600 (a year), not " + maxAge);
        }
        Optional<GateEntity> old = gates.findByPromptAndLabel(prompt, label);
        GateEntity gate = new GateEntity(
                old.map(GateEntity::id).orElse(null),
                prompt,
                label,
                spec.dataset(),
                Json.write(spec.evaluators()),
                minPassRate,
                maxAge,
                spec.noRegression() == null || spec.noRegression(),
                actor.name(),
                clock.instant());
        gate = old.isPresent() ? gates.update(gate) : gates.save(gate);
        audit.record(actor, "eval.gate.set", "prompt", prompt + "@" + label, null, null, describe(gate));
        return view(gate, null);
    }

    @Transactional
    public void delete(String prompt, String label, Actor actor) {
        actor.require(Role.PUBLISHER, "remove promotion gates");
        GateEntity gate = gate(prompt, label);
        gates.delete(gate);
        audit.record(actor, "eval.gate.delete", "prompt", prompt + "@" + label, null, null, describe(gate));
    }

    /** The gate, and whether {@code version} (when given) may take the label now. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Gate get(String prompt, String label, Integer version) {
        GateEntity gate = gate(prompt, label);
        if (version == null) {
            return view(gate, null);
        }
        Integer current = labels.get().find(prompt, label).map(l -> l.version()).orElse(null);
        return view(gate, evaluate(gate, current, version));
    }

    /** The gate of a label, if it has one (the UI's promote page shows it). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Gate> find(String prompt, String label, Integer from, int version) {
        return gates.findByPromptAndLabel(prompt, label).map(g -> view(g, evaluate(g, from, version)));
    }

    /** Lets one move of the label to {@code version} through without a passing run; audited with the reason. */
    @Transactional
    public void override(String prompt, String label, int version, String reason, Actor actor) {
        actor.require(Role.ADMIN, "override promotion gates");
        gate(prompt, label);
        if (reason == null || reason.isBlank() || reason.length() > 2000) {
            throw ParapetException.invalidField(
                    "reason", "is required (at most 2000 characters): say why the gate is set aside");
        }
        gates.addOverride(prompt, label, version, reason, actor.name(), clock.instant());
        audit.record(
                actor,
                "eval.gate.override",
                "prompt",
                prompt + "@" + label,
                null,
                null,
                "version " + version + " may move without a passing run: " + reason);
    }

    @Override
    public void check(String prompt, String label, Integer fromVersion, int toVersion, Actor actor) {
        Optional<GateEntity> gate = gates.findByPromptAndLabel(prompt, label);
        if (gate.isEmpty()) {
            return;
        }
        if (gates.useOverride(prompt, label, toVersion, clock.instant()) == 1) {
            audit.record(
                    actor,
                    "eval.gate.overridden",
                    "prompt",
                    prompt + "@" + label,
                    null,
                    null,
                    "moved to version " + toVersion + " on an admin's override");
            return;
        }
        Gate.Check check = evaluate(gate.get(), fromVersion, toVersion);
        if (!check.passed()) {
            throw ParapetException.conflict("'" + prompt + "@" + label + "' is gated on " + describe(gate.get())
                    + ": " + check.reason() + (check.run() == null ? "" : " (latest run: " + check.run() + ")")
                    + "; run the suite, or ask an admin to override");
        }
    }

    private Gate.Check evaluate(GateEntity gate, Integer from, int version) {
        List<RunSpec.EvaluatorSpec> suite = Json.mapper().convertValue(Json.read(gate.evaluators()), SPECS);
        DatasetService.Opened dataset = datasets.openRef(gate.dataset(), "dataset");
        List<EvalRun> candidates = runs.suiteRuns(gate.prompt(), version, dataset.versionId(), suite);
        Instant since = clock.instant().minus(Duration.ofMinutes(gate.maxAgeMinutes()));
        Optional<EvalRun> passing = candidates.stream()
                .filter(r -> r.status().equals("completed")
                        && r.finishedAt() != null
                        && r.finishedAt().isAfter(since))
                .findFirst();
        Long latest = candidates.isEmpty() ? null : candidates.get(0).id();
        String on = gate.prompt() + "#" + version + " on " + dataset.version().dataset() + "#"
                + dataset.version().version();
        if (passing.isEmpty()) {
            return new Gate.Check(
                    version,
                    false,
                    "no completed run of " + on + " with the gate's evaluators in the last " + gate.maxAgeMinutes()
                            + " minutes",
                    latest,
                    null);
        }
        EvalRun run = passing.get();
        double rate = run.progress().total() == 0
                ? 0
                : (double) run.progress().passed() / run.progress().total();
        if (rate < gate.minPassRate()) {
            return new Gate.Check(
                    version,
                    false,
                    String.format(
                            "run %d passed %.1f %% of its answers; the gate needs %.1f %%",
                            run.id(), rate * 100, gate.minPassRate() * 100),
                    run.id(),
                    null);
        }
        if (!gate.noRegression() || from == null || from == version) {
            return new Gate.Check(version, true, "run " + run.id() + " passed", run.id(), null);
        }
        Optional<EvalRun> baseline = runs.suiteRuns(gate.prompt(), from, dataset.versionId(), suite).stream()
                .filter(r -> r.status().equals("completed"))
                .findFirst();
        if (baseline.isEmpty()) {
            return new Gate.Check(
                    version,
                    false,
                    "no completed run of " + gate.prompt() + "#" + from + " (where '" + gate.label()
                            + "' points now) on the same suite to compare with",
                    run.id(),
                    null);
        }
        RunComparison c = comparer.compare(baseline.get().id(), run.id());
        if (c.verdict().equals("worse")) {
            return new Gate.Check(
                    version,
                    false,
                    String.format(
                            "run %d is significantly worse than run %d of version %d (%d items regressed, %d improved;"
                                    + " pass-rate p=%.4f, score p=%.4f)",
                            run.id(),
                            baseline.get().id(),
                            from,
                            c.regressed(),
                            c.improved(),
                            c.passPValue(),
                            c.scorePValue()),
                    run.id(),
                    baseline.get().id());
        }
        return new Gate.Check(
                version,
                true,
                "run " + run.id() + " passed and is " + c.verdict() + " against run "
                        + baseline.get().id(),
                run.id(),
                baseline.get().id());
    }

    private GateEntity gate(String prompt, String label) {
        return gates.findByPromptAndLabel(prompt, label)
                .orElseThrow(() -> ParapetException.notFound("'" + prompt + "@" + label + "' has no promotion gate"));
    }

    private static String describe(GateEntity g) {
        return String.format(
                "suite %s with %s, pass rate >= %s within %d min%s",
                g.dataset(),
                g.evaluators(),
                g.minPassRate(),
                g.maxAgeMinutes(),
                g.noRegression() ? ", no regression" : "");
    }

    private static Gate view(GateEntity g, Gate.Check check) {
        return new Gate(
                g.prompt(),
                g.label(),
                g.dataset(),
                Json.mapper().convertValue(Json.read(g.evaluators()), SPECS),
                g.minPassRate(),
                g.maxAgeMinutes(),
                g.noRegression(),
                g.updatedBy(),
                g.updatedAt(),
                check);
    }
}
