package io.parapet.eval.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    private static List<Comparison.Pair> pairs(int bothPass, int onlyA, int onlyB, int bothFail) {
        List<Comparison.Pair> pairs = new ArrayList<>();
        for (int i = 0; i < bothPass; i++) {
            pairs.add(new Comparison.Pair(true, 1, true, 1));
        }
        for (int i = 0; i < onlyA; i++) {
            pairs.add(new Comparison.Pair(true, 1, false, 0));
        }
        for (int i = 0; i < onlyB; i++) {
            pairs.add(new Comparison.Pair(false, 0, true, 1));
        }
        for (int i = 0; i < bothFail; i++) {
            pairs.add(new Comparison.Pair(false, 0, false, 0));
        }
        return pairs;
    }

    @Test
    void should_call_a_candidate_better_only_when_its_gain_is_significant() {
        Comparison better = Comparison.of(pairs(80, 1, 12, 7), 1);
        assertThat(better.verdict()).isEqualTo(Comparison.Verdict.BETTER);
        assertThat(better.improved()).isEqualTo(12);
        assertThat(better.regressed()).isEqualTo(1);
        assertThat(better.unchanged()).isEqualTo(87);
        assertThat(better.passPValue()).isLessThan(0.01);

        Comparison wobble = Comparison.of(pairs(80, 3, 5, 12), 1);
        assertThat(wobble.verdict()).isEqualTo(Comparison.Verdict.NO_SIGNIFICANT_CHANGE);
    }

    @Test
    void should_call_a_significant_loss_worse() {
        Comparison worse = Comparison.of(pairs(70, 15, 2, 13), 1);
        assertThat(worse.verdict()).isEqualTo(Comparison.Verdict.WORSE);
        assertThat(worse.verdict().wire()).isEqualTo("worse");
    }

    @Test
    void should_count_a_score_change_within_the_same_outcome_as_improved_or_regressed() {
        List<Comparison.Pair> pairs = List.of(
                new Comparison.Pair(true, 0.7, true, 0.9),
                new Comparison.Pair(true, 0.9, true, 0.8),
                new Comparison.Pair(false, 0.2, false, 0.2));
        Comparison c = Comparison.of(pairs, 1);
        assertThat(c.improved()).isEqualTo(1);
        assertThat(c.regressed()).isEqualTo(1);
        assertThat(c.unchanged()).isEqualTo(1);
        assertThat(c.verdict()).isEqualTo(Comparison.Verdict.NO_SIGNIFICANT_CHANGE);
    }
}
