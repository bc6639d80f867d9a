package io.parapet.guardrails.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GapRunsTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 95, 96, 97, 100, 500, 4_001})
    void every_piece_is_kept_from_exactly_one_run_with_context_on_both_sides(int length) {
        long[] ids = pieces(new Random(length), length);
        List<GapRuns.Run> runs = GapRuns.plan(ids);
        int next = 0;
        for (GapRuns.Run r : runs) {
            assertThat(r.runTo() - r.runFrom()).isLessThanOrEqualTo(GapRuns.RUN);
            assertThat(r.keepFrom()).as("kept pieces follow on").isEqualTo(next);
            assertThat(r.keepTo()).isGreaterThan(r.keepFrom());
            // a kept piece is OVERLAP pieces from its run's cut edges, unless the edge is the text's own
            assertThat(r.keepFrom() - r.runFrom()).isEqualTo(r.runFrom() == 0 ? r.keepFrom() : GapRuns.OVERLAP);
            if (r.runTo() < length) {
                assertThat(r.runTo() - r.keepTo()).isEqualTo(GapRuns.OVERLAP);
                assertThat(r.keepTo() - r.keepFrom())
                        .as("a run keeps no fewer pieces than MIN_KEEP")
                        .isGreaterThanOrEqualTo(GapRuns.MIN_KEEP);
            }
            next = r.keepTo();
        }
        assertThat(next).isEqualTo(length);
        assertThat(runs).hasSize(length <= GapRuns.RUN ? 1 : runs.size());
    }

    @Test
    void a_passage_is_cut_the_same_way_wherever_it_starts() {
        Random random = new Random(7);
        long[] passage = pieces(random, 1_000);
        long[] shifted = new long[passage.length + 13];
        System.arraycopy(pieces(random, 13), 0, shifted, 0, 13);
        System.arraycopy(passage, 0, shifted, 13, passage.length);

        List<Integer> cuts = cuts(GapRuns.plan(passage), 0);
        List<Integer> shiftedCuts = cuts(GapRuns.plan(shifted), 13);
        int shared = cuts.stream().filter(shiftedCuts::contains).toList().size();
        // the plans fall into step within a few runs and stay there until the end
        assertThat(shared).isGreaterThanOrEqualTo(cuts.size() - 5);
        assertThat(cuts.subList(cuts.size() - 10, cuts.size() - 1)).isSubsetOf(shiftedCuts);
    }

    private static List<Integer> cuts(List<GapRuns.Run> runs, int offset) {
        return runs.stream().map(r -> r.keepTo() - offset).toList();
    }

    /** Word-piece ids as the tokenizer gives them: of a vocabulary of 30,522. */
    private static long[] pieces(Random random, int length) {
        return random.longs(length, 1_000, 30_522).toArray();
    }
}
