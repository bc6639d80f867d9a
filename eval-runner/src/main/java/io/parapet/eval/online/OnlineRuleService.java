package io.parapet.eval.online;

import io.parapet.core.Actor;
import io.parapet.core.Json;
import io.parapet.core.ParapetException;
import io.parapet.core.Role;
import io.parapet.core.audit.AuditLog;
import io.parapet.eval.EvaluatorCatalog;
import io.parapet.eval.run.Evaluators;
import io.parapet.eval.run.RunSpec;
import io.parapet.eval.spi.EvaluatorFactory;
import io.parapet.registry.Names;
import io.parapet.registry.PromptCache;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Online evaluation rules: made, changed, listed and removed by editors, every change audited. */
@Singleton
public class OnlineRuleService {
    static final int MAX_RULES = 100;

    private final OnlineRuleRepository rules;
    private final EvaluatorCatalog catalog;
    private final PromptCache prompts;
    private final AuditLog audit;
    private final Clock clock;
    private final OnlineRules live;

    OnlineRuleService(
            OnlineRuleRepository rules,
            EvaluatorCatalog catalog,
            PromptCache prompts,
            AuditLog audit,
            Clock clock,
            OnlineRules live) {
        this.rules = rules;
        this.catalog = catalog;
        this.prompts = prompts;
        this.audit = audit;
        this.clock = clock;
        this.live = live;
    }

    /** Creates or replaces the rule {@code name}. */
    @Transactional
    public OnlineRule put(String name, OnlineRule.Spec spec, Actor actor) {
        actor.require(Role.EDITOR, "set online evaluation rules");
        Names.checkPrompt(name, "name");
        if (spec == null) {
            throw ParapetException.invalid("a rule needs a body: {prompt, evaluator}");
        }
        String pattern = pattern(spec.prompt());
        RunSpec.EvaluatorSpec evaluator = spec.evaluator();
        if (evaluator == null || evaluator.name() == null) {
            throw ParapetException.invalidField("evaluator", "is required: {name, config}; known: " + catalog.names());
        }
        EvaluatorFactory factory = factory(evaluator.name());
        if (factory.needsExpected()) {
            throw ParapetException.invalidField(
                    "evaluator.name",
                    "'" + evaluator.name() + "' compares with an expected answer, which live traffic does not have");
        }
        Evaluators.check(catalog, List.of(evaluator), prompts); // settings, and a judge's rubric and model
        int perMinute = spec.perMinute() == null ? 60 : spec.perMinute();
        if (perMinute < 1 || perMinute > 6000) {
            throw ParapetException.invalidField("perMinute", "must be 1..6000, not " + perMinute);
        }
        Optional<OnlineRuleEntity> old = rules.findByName(name);
        if (old.isEmpty() && rules.count() >= MAX_RULES) {
            throw ParapetException.conflict("there are already " + MAX_RULES + " online rules; remove one first");
        }
        Instant now = clock.instant();
        OnlineRuleEntity row = new OnlineRuleEntity(
                old.map(OnlineRuleEntity::id).orElse(null),
                name,
                pattern,
                Json.write(evaluator),
                perMinute,
                spec.enabled() == null || spec.enabled(),
                actor.name(),
                now,
                old.map(OnlineRuleEntity::createdAt).orElse(now));
        row = old.isPresent() ? rules.update(row) : rules.save(row);
        audit.record(
                actor,
                old.isPresent() ? "eval.online-rule.update" : "eval.online-rule.create",
                "eval-online-rule",
                name,
                null,
                null,
                evaluator.name() + " on " + pattern + (row.enabled() ? "" : " (disabled)"));
        live.changed();
        return view(row);
    }

    @Transactional
    public OnlineRule get(String name) {
        return view(rule(name));
    }

    @Transactional
    public List<OnlineRule> list() {
        return rules.findAllOrderByName().stream().map(this::view).toList();
    }

    @Transactional
    public void delete(String name, Actor actor) {
        actor.require(Role.EDITOR, "remove online evaluation rules");
        rules.delete(rule(name));
        audit.record(actor, "eval.online-rule.delete", "eval-online-rule", name, null, null, "removed");
        live.changed();
    }

    private static String pattern(String prompt) {
        if (prompt == null || prompt.isBlank()) {
            throw ParapetException.invalidField(
                    "prompt", "is required: a prompt name, a prefix such as support/*, or *");
        }
        if (prompt.equals("*")) {
            return prompt;
        }
        String name = prompt.endsWith("/*") ? prompt.substring(0, prompt.length() - 2) : prompt;
        Names.checkPrompt(name, "prompt");
        return prompt;
    }

    private EvaluatorFactory factory(String name) {
        try {
            return catalog.factory(name);
        } catch (IllegalArgumentException e) {
            throw ParapetException.invalidField("evaluator.name", e.getMessage());
        }
    }

    private OnlineRuleEntity rule(String name) {
        return rules.findByName(name)
                .orElseThrow(() -> ParapetException.notFound("online rule '" + name + "' does not exist"));
    }

    private OnlineRule view(OnlineRuleEntity r) {
        RunSpec.EvaluatorSpec evaluator =
                Json.mapper().convertValue(Json.read(r.evaluator()), RunSpec.EvaluatorSpec.class);
        return new OnlineRule(
                r.name(),
                r.prompt(),
                evaluator,
                r.perMinute(),
                r.enabled(),
                catalog.names().contains(evaluator.name())
                        && catalog.factory(evaluator.name()).callsModels(),
                r.updatedBy(),
                r.updatedAt());
    }
}
