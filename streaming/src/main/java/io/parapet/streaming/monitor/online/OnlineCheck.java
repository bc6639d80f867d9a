package io.parapet.streaming.monitor.online;

import io.parapet.streaming.monitor.Completion;
import java.util.Optional;

/**
 * One evaluator of live answers. Built in: the guardrails' verdicts and the answer's length; the server adds JSON
 * and schema validity (with the guardrails' own JSON scanner); the eval-runner's evaluators plug in here later.
 */
public interface OnlineCheck {
    /** The check's name in {@code parapet.eval.online} records. */
    String name();

    /** The result, or empty when the check does not apply to this completion (e.g. JSON for a text answer). */
    Optional<CheckResult> evaluate(Completion completion);
}
