package io.parapet.eval.run;

import io.parapet.eval.spi.EvalTarget;
import io.parapet.eval.spi.EvaluatorContext;
import io.parapet.registry.PromptCache;
import io.parapet.registry.PromptVersion;
import io.parapet.registry.Variable;
import io.parapet.registry.VersionRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluators' way to models: a judge's rubric is resolved once (its exact version is what every verdict names) and
 * answered through the target under the tag {@code <tag>:judge} ({@code eval:<run>} in runs, {@code online:<rule>}
 * on live traffic).
 */
public final class JudgeContext implements EvaluatorContext {
    private final PromptCache prompts;
    private final EvalTarget target;
    private final String tag;
    private final Map<String, PromptVersion> resolved = new java.util.concurrent.ConcurrentHashMap<>();

    public JudgeContext(PromptCache prompts, EvalTarget target, String tag) {
        this.prompts = prompts;
        this.target = target;
        this.tag = tag;
    }

    @Override
    public String checkJudge(String rubricRef, String model) {
        PromptVersion rubric = rubric(rubricRef);
        if (model != null) {
            prompts.model(model, null); // a 404 naming the judge model when it does not exist
        }
        return rubric.name() + "#" + rubric.version();
    }

    @Override
    public JudgeAnswer ask(String rubricRef, Map<String, Object> variables, String model) {
        PromptVersion rubric = rubric(rubricRef);
        Map<String, Object> declared = new HashMap<>();
        for (Variable v : rubric.variables()) {
            if (variables.containsKey(v.name())) {
                declared.put(v.name(), variables.get(v.name()));
            }
        }
        EvalTarget.Answer answer = target.answer(
                new EvalTarget.Call(tag + ":judge", rubric.name(), rubric.version(), declared, List.of(), model));
        String version = rubric.name() + "#" + rubric.version();
        String by = answer.model() != null ? answer.model() : model != null ? model : "its model";
        return answer.ending() == EvalTarget.Ending.STOP
                ? new JudgeAnswer(version, by, answer.output(), null)
                : new JudgeAnswer(version, by, null, answer.ending().wire() + ": " + answer.detail());
    }

    private PromptVersion rubric(String ref) {
        return resolved.computeIfAbsent(ref, r -> {
            VersionRef parsed = VersionRef.parse(r, "rubric");
            return prompts.version(parsed.prompt(), parsed.label(), parsed.version());
        });
    }
}
