package io.parapet.eval.spi;

import io.parapet.core.plugin.Plugin;
import java.util.Map;

/**
 * Creates evaluators of one kind from their settings. Built-in and third-party evaluators alike are found through
 * {@link java.util.ServiceLoader}: list the class in {@code META-INF/services/io.parapet.eval.spi.EvaluatorFactory}.
 * Every implementation should pass {@code EvaluatorContract} (in this module's tests).
 */
public interface EvaluatorFactory extends Plugin {
    /** Whether the evaluator compares with an item's {@code expected}; those without can judge live traffic too. */
    boolean needsExpected();

    /**
     * Whether its evaluators call models ({@code llm-judge}): slow and paid, so on live traffic they run beside the
     * stream under a rate budget instead of in it.
     */
    default boolean callsModels() {
        return false;
    }

    /** Builds an evaluator; throws {@link IllegalArgumentException} with an actionable message on bad settings. */
    Evaluator create(Map<String, Object> config);

    /**
     * Builds an evaluator that may call models through the run ({@code llm-judge}); evaluators that need no model
     * keep the default, which ignores the context.
     */
    default Evaluator create(Map<String, Object> config, EvaluatorContext context) {
        return create(config);
    }
}
