package io.parapet.eval.run;

import io.parapet.core.Json;
import io.parapet.eval.dataset.DatasetItem;
import io.parapet.eval.spi.EvalCase;
import io.parapet.eval.spi.EvalTarget;
import io.parapet.eval.spi.Evaluator;
import io.parapet.eval.spi.EvaluatorError;
import io.parapet.eval.spi.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers one item through the target and judges the answer with each evaluator. A call that fails in a way that may
 * pass (an upstream outage) is tried again with growing pauses; one that still fails is an errored result with the
 * reason, never a lost item. An evaluator that throws fails its verdict with the reason instead of the run.
 */
final class ItemJudge {
    private final EvalTarget target;
    private final Map<String, Evaluator> evaluators;
    private final int retries;

    ItemJudge(EvalTarget target, Map<String, Evaluator> evaluators, int retries) {
        this.target = target;
        this.evaluators = new LinkedHashMap<>(evaluators);
        this.retries = retries;
    }

    ItemResult judge(EvalTarget.Call call, int position, int trial, DatasetItem item) throws InterruptedException {
        EvalTarget.Answer answer = answer(call);
        if (answer.ending() == EvalTarget.Ending.ERROR) {
            return new ItemResult(
                    position,
                    trial,
                    item.id(),
                    answer.ending().wire(),
                    false,
                    0,
                    null,
                    List.of(),
                    answer.detail(),
                    answer.inputTokens(),
                    answer.outputTokens(),
                    answer.latencyMillis(),
                    answer.model(),
                    answer.cost());
        }
        EvalCase judged = new EvalCase(
                item.variables(),
                expected(item.expected()),
                answer.output(),
                answer.latencyMillis(),
                answer.tokens(),
                answer.ending().wire(),
                answer.cost());
        List<ItemResult.Judged> verdicts = new ArrayList<>();
        boolean passed = true;
        double sum = 0;
        for (Map.Entry<String, Evaluator> e : evaluators.entrySet()) {
            Verdict v;
            try {
                v = verdict(e.getValue(), judged);
            } catch (EvaluatorError cannotJudge) {
                // A judge that failed or answered out of format: the item errors with why, it does not fail.
                return new ItemResult(
                        position,
                        trial,
                        item.id(),
                        EvalTarget.Ending.ERROR.wire(),
                        false,
                        0,
                        answer.output(),
                        verdicts,
                        e.getKey() + ": " + cannotJudge.getMessage(),
                        answer.inputTokens(),
                        answer.outputTokens(),
                        answer.latencyMillis(),
                        answer.model(),
                        answer.cost());
            }
            verdicts.add(new ItemResult.Judged(
                    e.getKey(),
                    v.score(),
                    v.passed(),
                    v.reason(),
                    v.labels() == null ? null : v.labels().predicted(),
                    v.labels() == null ? null : v.labels().actual()));
            passed &= v.passed();
            sum += v.score();
        }
        return new ItemResult(
                position,
                trial,
                item.id(),
                answer.ending().wire(),
                passed,
                verdicts.isEmpty() ? 0 : sum / verdicts.size(),
                answer.output(),
                verdicts,
                answer.detail(),
                answer.inputTokens(),
                answer.outputTokens(),
                answer.latencyMillis(),
                answer.model(),
                answer.cost());
    }

    private EvalTarget.Answer answer(EvalTarget.Call call) throws InterruptedException {
        EvalTarget.Answer answer = target.answer(call);
        for (int attempt = 1;
                attempt <= retries && answer.ending() == EvalTarget.Ending.ERROR && answer.retriable();
                attempt++) {
            Thread.sleep(250L * attempt * attempt);
            answer = target.answer(call);
        }
        return answer;
    }

    private static Verdict verdict(Evaluator evaluator, EvalCase answer) {
        try {
            return evaluator.evaluate(answer);
        } catch (EvaluatorError e) {
            throw e;
        } catch (RuntimeException e) {
            return Verdict.fail("the evaluator failed: " + e.getMessage());
        }
    }

    /** What an evaluator compares with: text as it is, JSON as compact JSON text. */
    static String expected(Object expected) {
        if (expected == null) {
            return null;
        }
        return expected instanceof String s ? s : Json.write(expected);
    }
}
