package io.parapet.guardrails.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GapRunsTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 63, 64, 65, 100, 500, 4_001})
    void every_piece_is_kept_from_exactly_one_run_with_context_on_both_sides(int length) {
        List<GapRuns.Run> runs = GapRuns.plan(length);
        int next = 0;
        for (GapRuns.Run r : runs) {
            assertThat(r.runTo() - r.runFrom()).isLessThanOrEqualTo(GapRuns.RUN);
            assertThat(r.keepFrom()).as("kept pieces follow on").isEqualTo(next);
            assertThat(r.keepTo()).isGreaterThan(r.keepFrom());
            // a kept piece is OVERLAP pieces from its run's cut edges, unless the edge is the text's own
            assertThat(r.keepFrom() - r.runFrom()).isEqualTo(r.runFrom() == 0 ? r.keepFrom() : GapRuns.OVERLAP);
            if (r.runTo() < length) {
                assertThat(r.runTo() - r.keepTo()).isEqualTo(GapRuns.OVERLAP);
            }
            next = r.keepTo();
        }
        assertThat(next).isEqualTo(length);
        assertThat(runs).hasSize(length <= GapRuns.RUN ? 1 : runs.size());
    }
}
