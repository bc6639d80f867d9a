package io.parapet.eval.run;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One item's answer in one trial of a run, with every evaluator's verdict. {@code passed} is true when every
 * evaluator passed; {@code score} is their mean. An errored item (the call failed after its retries) passes nothing.
 * {@code cost} is the call's estimate in US dollars, null when the answering model has no prices.
 */
@Serdeable
public record ItemResult(
        int position,
        int trial,
        String itemId,
        String ending,
        boolean passed,
        double score,
        @Nullable String output,
        List<Judged> verdicts,
        @Nullable String detail,
        int inputTokens,
        int outputTokens,
        long latencyMillis,
        @Nullable String model,
        @Nullable Double cost) {

    /**
     * One evaluator's verdict on the item; a classifying evaluator also gives the predicted and the true label.
     */
    @Serdeable
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Judged(
            String evaluator,
            double score,
            boolean passed,
            String reason,
            @Nullable String predicted,
            @Nullable String actual) {

        public Judged(String evaluator, double score, boolean passed, String reason) {
            this(evaluator, score, passed, reason, null, null);
        }
    }

    public boolean errored() {
        return "error".equals(ending);
    }
}
