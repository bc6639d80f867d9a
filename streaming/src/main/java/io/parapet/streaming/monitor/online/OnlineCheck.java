package io.parapet.streaming.monitor.online;

import io.parapet.streaming.monitor.Completion;
import java.util.List;
import java.util.Optional;

/**
 * One evaluator of live answers. Built in: the guardrails' verdicts and the answer's length; the server adds JSON
 * and schema validity (with the guardrails' own JSON scanner) and the online rules users set, which run the
 * eval-runner's evaluators.
 */
public interface OnlineCheck {
    /** The check's name in {@code parapet.eval.online} records. */
    String name();

    /** The result, or empty when the check does not apply to this completion (e.g. JSON for a text answer). */
    Optional<CheckResult> evaluate(Completion completion);

    /** A result under its name in the record. */
    record Named(String name, CheckResult result) {}

    /**
     * Every result this check gives a completion: by default its one result under {@link #name()}; a check made of
     * several rules names each.
     */
    default List<Named> results(Completion completion) {
        return evaluate(completion).map(r -> List.of(new Named(name(), r))).orElse(List.of());
    }
}
