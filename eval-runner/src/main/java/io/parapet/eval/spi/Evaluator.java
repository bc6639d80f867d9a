package io.parapet.eval.spi;

/** Judges answers. Instances are shared by every worker of a run, so they must be thread-safe. */
public interface Evaluator {
    Verdict evaluate(EvalCase answer);
}
