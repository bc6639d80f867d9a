package io.parapet.eval.spi;

import java.util.Map;

/**
 * What a run lends its evaluators: asking a registry prompt version (a judge's rubric) through the same gateway
 * path the run's answers take, so judge calls are rendered, guarded, retried and recorded like any other.
 */
public interface EvaluatorContext {
    /**
     * Checks a judge's rubric and model before a run starts: a 404 naming whichever does not exist. Returns the
     * rubric's exact version, {@code name#version}.
     */
    String checkJudge(String rubricRef, String model);

    /**
     * Renders the rubric with those of {@code variables} it declares and asks its model (or {@code model}).
     *
     * @return what came back: the exact rubric version, the model that answered, its text or the failure
     */
    JudgeAnswer ask(String rubricRef, Map<String, Object> variables, String model);

    record JudgeAnswer(String rubricVersion, String model, String output, String failure) {}

    /** For building evaluators outside a run (catalog checks, tests of evaluators that call no model). */
    EvaluatorContext NONE = new EvaluatorContext() {
        @Override
        public String checkJudge(String rubricRef, String model) {
            throw new IllegalArgumentException("a judge needs a run to call its model in");
        }

        @Override
        public JudgeAnswer ask(String rubricRef, Map<String, Object> variables, String model) {
            throw new IllegalStateException("a judge needs a run to call its model in");
        }
    };
}
