package io.parapet.eval.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The statistics behind run aggregates and comparisons, against values worked out by hand or in R. */
class StatsTest {

    @Test
    void wilson_interval_matches_the_textbook_values_and_stays_inside_zero_and_one() {
        PassRate eightOfTen = PassRate.of(8, 10); // R: prop.test(8, 10, correct = FALSE)$conf.int → 0.4902, 0.9433
        assertThat(eightOfTen.low()).isCloseTo(0.4902, offset(1e-4));
        assertThat(eightOfTen.high()).isCloseTo(0.9433, offset(1e-4));
        PassRate allOfFive = PassRate.of(5, 5);
        assertThat(allOfFive.high()).isEqualTo(1.0);
        assertThat(allOfFive.low()).isCloseTo(0.5655, offset(1e-4));
        assertThat(PassRate.of(0, 0).low()).isZero();
        assertThat(PassRate.of(0, 0).high()).isEqualTo(1.0);
        assertThatThrownBy(() -> PassRate.of(3, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mcnemar_exact_p_value_is_a_doubled_binomial_tail() {
        // 12 discordant items split 10 / 2: 2 × P(X ≤ 2 | n = 12, p = ½) = 2 × 79 / 4096
        assertThat(McNemar.pValue(10, 2)).isCloseTo(2 * 79 / 4096.0, offset(1e-12));
        assertThat(McNemar.pValue(2, 10)).isEqualTo(McNemar.pValue(10, 2));
        assertThat(McNemar.pValue(5, 5)).isEqualTo(1.0);
        assertThat(McNemar.pValue(0, 0)).isEqualTo(1.0);
        assertThat(McNemar.pValue(0, 6)).isCloseTo(2 / 64.0, offset(1e-12));
    }

    @Test
    void paired_bootstrap_finds_a_real_shift_and_not_a_noise_one_and_repeats_itself() {
        SplittableRandom random = new SplittableRandom(7);
        int n = 200;
        double[] a = new double[n];
        double[] better = new double[n];
        double[] same = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = random.nextDouble();
            better[i] = Math.min(1, a[i] + 0.05 + 0.02 * random.nextGaussian());
            same[i] = Math.clamp(a[i] + 0.05 * random.nextGaussian(), 0, 1);
        }
        PairedBootstrap.Result shift = PairedBootstrap.compare(a, better, 2000, 1);
        assertThat(shift.meanDelta()).isPositive();
        assertThat(shift.low()).isPositive();
        assertThat(shift.pValue()).isLessThan(0.01);
        PairedBootstrap.Result noise = PairedBootstrap.compare(a, same, 2000, 1);
        assertThat(noise.low()).isNegative();
        assertThat(noise.high()).isPositive();
        assertThat(noise.pValue()).isGreaterThan(0.05);
        assertThat(PairedBootstrap.compare(a, better, 2000, 1)).isEqualTo(shift);
        assertThatThrownBy(() -> PairedBootstrap.compare(a, new double[3], 2000, 1))
                .hasMessageContaining("same items");
    }
}
