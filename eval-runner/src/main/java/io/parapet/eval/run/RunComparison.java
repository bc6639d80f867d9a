package io.parapet.eval.run;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * Run B (the candidate) against run A (the baseline) on the same dataset version: per item improved, regressed or
 * unchanged; the pass rates and mean scores with their differences; McNemar's exact p-value on pass/fail and the
 * paired bootstrap's interval and p-value on scores; and the verdict (better, worse, no significant change).
 */
@Serdeable
public record RunComparison(
        long runA,
        long runB,
        int items,
        int improved,
        int regressed,
        int unchanged,
        double passRateA,
        double passRateB,
        double passPValue,
        double meanScoreA,
        double meanScoreB,
        double scoreDelta,
        double scoreDeltaLow,
        double scoreDeltaHigh,
        double scorePValue,
        String verdict,
        List<ItemChange> changes) {

    /** An item whose outcome changed (the first hundred of each kind). */
    @Serdeable
    public record ItemChange(
            String itemId, String change, boolean passedA, boolean passedB, double scoreA, double scoreB) {}
}
