package io.parapet.eval.spi;

/**
 * Thrown by an evaluator that could not judge (a judge model that failed or answered something other than its
 * format): the item is errored with this message, which is not the same as a failed verdict.
 */
public class EvaluatorError extends RuntimeException {
    public EvaluatorError(String message) {
        super(message, null, false, false);
    }
}
