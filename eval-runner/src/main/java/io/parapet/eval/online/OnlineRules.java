package io.parapet.eval.online;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.micronaut.context.BeanProvider;
import io.parapet.core.Json;
import io.parapet.eval.EvaluatorCatalog;
import io.parapet.eval.run.JudgeContext;
import io.parapet.eval.run.RunSpec;
import io.parapet.eval.spi.EvalCase;
import io.parapet.eval.spi.EvalTarget;
import io.parapet.eval.spi.Evaluator;
import io.parapet.eval.spi.EvaluatorContext;
import io.parapet.eval.spi.EvaluatorError;
import io.parapet.eval.spi.Verdict;
import io.parapet.registry.PromptCache;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The enabled online rules, built into evaluators and reread from the database every few seconds (and at once after a
 * change made in this process), so every monitor instance follows edits without a restart. Deterministic rules judge
 * on the caller's thread; model-calling rules are handed out as {@link Judging} tasks, each rule at most
 * {@code perMinute} times a minute.
 */
@Singleton
public class OnlineRules {
    private static final Logger LOG = LoggerFactory.getLogger(OnlineRules.class);
    static final Duration REFRESH = Duration.ofSeconds(5);

    private final OnlineRuleRepository rules;
    private final EvaluatorCatalog catalog;
    private final PromptCache prompts;
    private final BeanProvider<EvalTarget> target;
    private volatile List<Built> built = List.of();
    private volatile java.util.Set<String> rubrics = java.util.Set.of();
    private volatile long loadedAt = Long.MIN_VALUE;

    OnlineRules(
            OnlineRuleRepository rules,
            EvaluatorCatalog catalog,
            PromptCache prompts,
            BeanProvider<EvalTarget> target) {
        this.rules = rules;
        this.catalog = catalog;
        this.prompts = prompts;
        this.target = target;
    }

    /** One rule's verdict on a completion, or why it could not judge. */
    public record Outcome(String rule, String evaluator, Verdict verdict, String error) {}

    /** A model-graded judgement to run off the stream thread; {@link #judge()} makes the call. */
    public record Judging(String rule, String evaluator, Supplier<Outcome> judge) {}

    private record Built(
            String name,
            String pattern,
            String evaluator,
            Evaluator built,
            boolean callsModel,
            int perMinute,
            Bucket budget,
            String rubric) {}

    /** Verdicts of the deterministic rules that match {@code prompt}, judged now. */
    public List<Outcome> evaluate(String prompt, EvalCase answer) {
        List<Outcome> outcomes = new ArrayList<>();
        List<Built> all = current();
        if (rubrics.contains(prompt)) {
            return outcomes;
        }
        for (Built rule : all) {
            if (!rule.callsModel() && OnlineRule.matches(rule.pattern(), prompt)) {
                outcomes.add(judge(rule, answer));
            }
        }
        return outcomes;
    }

    /** The model-calling rules that match {@code prompt} and have budget left this minute, each taking one call. */
    public List<Judging> judgings(String prompt, EvalCase answer) {
        List<Judging> due = new ArrayList<>();
        List<Built> all = current();
        if (rubrics.contains(prompt)) {
            // A judge's own answers are never judged: a rule on * would otherwise feed on itself.
            return due;
        }
        for (Built rule : all) {
            if (rule.callsModel()
                    && OnlineRule.matches(rule.pattern(), prompt)
                    && rule.budget().tryConsume(1)) {
                due.add(new Judging(rule.name(), rule.evaluator(), () -> judge(rule, answer)));
            }
        }
        return due;
    }

    /** A rule changed here: reread at the next use rather than after {@link #REFRESH}. */
    void changed() {
        loadedAt = Long.MIN_VALUE;
    }

    private static Outcome judge(Built rule, EvalCase answer) {
        try {
            return new Outcome(rule.name(), rule.evaluator(), rule.built().evaluate(answer), null);
        } catch (EvaluatorError e) {
            return new Outcome(rule.name(), rule.evaluator(), null, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("online rule {} failed", rule.name(), e);
            return new Outcome(rule.name(), rule.evaluator(), null, "the evaluator itself failed: " + e);
        }
    }

    private List<Built> current() {
        long now = System.nanoTime();
        if (loadedAt != Long.MIN_VALUE && now - loadedAt < REFRESH.toNanos()) {
            return built;
        }
        synchronized (this) {
            if (loadedAt == Long.MIN_VALUE || now - loadedAt >= REFRESH.toNanos()) {
                try {
                    built = load();
                    rubrics = rubricPrompts(built);
                } catch (RuntimeException e) {
                    // The database is away: keep judging with the rules read last, and try again after REFRESH.
                    LOG.warn("reading online rules failed, keeping {} rules: {}", built.size(), e.toString());
                }
                loadedAt = now;
            }
        }
        return built;
    }

    private List<Built> load() {
        Optional<EvalTarget> answering = target.find(null);
        List<Built> fresh = new ArrayList<>();
        for (OnlineRuleEntity r : rules.findByEnabledTrue()) {
            RunSpec.EvaluatorSpec spec =
                    Json.mapper().convertValue(Json.read(r.evaluator()), RunSpec.EvaluatorSpec.class);
            try {
                boolean callsModel = catalog.factory(spec.name()).callsModels();
                EvaluatorContext context = answering.isPresent()
                        ? new JudgeContext(prompts, answering.get(), "online:" + r.name())
                        : EvaluatorContext.NONE;
                Evaluator evaluator = catalog.create(spec.name(), spec.config(), context);
                Bucket budget = Bucket.builder()
                        .addLimit(Bandwidth.builder()
                                .capacity(r.perMinute())
                                .refillGreedy(r.perMinute(), Duration.ofMinutes(1))
                                .build())
                        .build();
                fresh.add(new Built(
                        r.name(),
                        r.prompt(),
                        spec.name(),
                        evaluator,
                        callsModel,
                        r.perMinute(),
                        reuse(r.name(), r.perMinute(), budget),
                        callsModel ? rubricPrompt(spec) : null));
            } catch (RuntimeException e) {
                // A rubric deleted after the rule was made: the rule sits out until it can be built again.
                LOG.warn("online rule {} cannot be built, skipping it: {}", r.name(), e.getMessage());
            }
        }
        return List.copyOf(fresh);
    }

    private static java.util.Set<String> rubricPrompts(List<Built> rules) {
        return rules.stream()
                .map(Built::rubric)
                .filter(java.util.Objects::nonNull)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** The prompt a judge's rubric names, whose own completions are then never judged. */
    private static String rubricPrompt(RunSpec.EvaluatorSpec spec) {
        Object ref = spec.config() == null ? null : spec.config().get("rubric");
        return ref instanceof String r
                ? io.parapet.registry.VersionRef.parse(r, "rubric").prompt()
                : null;
    }

    /** Keeps a rule's spent budget across rereads (unless its rate changed), so a reread grants no fresh minute. */
    private Bucket reuse(String name, int perMinute, Bucket fresh) {
        for (Built b : built) {
            if (b.name().equals(name) && b.perMinute() == perMinute) {
                return b.budget();
            }
        }
        return fresh;
    }
}
