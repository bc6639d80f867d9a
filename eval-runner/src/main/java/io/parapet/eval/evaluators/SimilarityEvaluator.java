package io.parapet.eval.evaluators;

import io.parapet.core.ConfigValues;
import io.parapet.eval.spi.Evaluator;
import io.parapet.eval.spi.Verdict;
import io.parapet.guardrails.classify.Embeddings;
import java.util.List;
import java.util.Map;

/**
 * {@code similar}: the answer means what the expected answer means, by the cosine similarity of their embeddings
 * (the guardrails' in-process MiniLM, so no model call). The score is the similarity (negatives count as 0); it
 * passes at {@code min} (default 0.75) or above.
 */
public final class SimilarityEvaluator extends BuiltIn {
    public SimilarityEvaluator() {
        super("similar", List.of("min"), true);
    }

    @Override
    public Evaluator create(Map<String, Object> config) {
        double min = ConfigValues.decimal(config, "min", 0.75, 0, 1);
        return answer -> {
            Verdict missing = Answers.missingOutputOrExpected(answer);
            if (missing != null) {
                return missing;
            }
            double similarity = Math.max(
                    0,
                    Math.min(
                            1, Embeddings.dot(Embeddings.embed(answer.output()), Embeddings.embed(answer.expected()))));
            String figure = String.format("similarity %.3f to the expected answer", similarity);
            return similarity >= min
                    ? new Verdict(similarity, true, figure + ", at least " + min)
                    : new Verdict(similarity, false, figure + ", under " + min);
        };
    }
}
