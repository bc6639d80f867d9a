package io.parapet.streaming.monitor.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The statistics on synthetic samples with a fixed seed: what each test says with no drift (its false-alarm rate
 * over many windows) and with a real shift. Deterministic, so these are exact expectations, not timing.
 */
class DriftRulesTest {
    private static final DriftSettings SETTINGS = DriftSettings.defaults();
    private static final int WINDOWS = 400;
    private final SplittableRandom random = new SplittableRandom(7);

    @Test
    void calibratedPsiRarelyFiresWithoutDriftWhereAFixedThresholdUsuallyDoes() {
        // A baseline window of 100 against windows of 100: the case the issue warns about.
        long[] reference = tokens(100, 1.0);
        int calibrated = 0;
        int naive = 0;
        for (int w = 0; w < WINDOWS; w++) {
            DriftScore s = DriftRules.numeric("input_tokens", reference, tokens(100, 1.0), SETTINGS.alpha(), SETTINGS);
            calibrated += s.drifted() ? 1 : 0;
            naive += s.value() > 0.1 ? 1 : 0;
        }
        assertThat((double) calibrated / WINDOWS).as("false alarms, calibrated").isLessThan(0.02);
        assertThat((double) naive / WINDOWS).as("false alarms, PSI > 0.1").isGreaterThan(0.3);
    }

    @Test
    void aLengthShiftIsCaughtInEveryWindow() {
        long[] reference = tokens(500, 1.0);
        for (int w = 0; w < 50; w++) {
            DriftScore s = DriftRules.numeric("input_tokens", reference, tokens(100, 1.6), SETTINGS.alpha(), SETTINGS);
            assertThat(s.drifted()).as("window %d: %s", w, s.detail()).isTrue();
        }
    }

    @Test
    void categoriesDriftOnlyWhenTheMixChangesBeyondChance() {
        Map<String, Long> reference = Map.of("stop", 450L, "length", 40L, "content_filter", 10L);
        int falseAlarms = 0;
        for (int w = 0; w < WINDOWS; w++) {
            falseAlarms += DriftRules.categorical("finish_reason", reference, mix(100, 0.9, 0.08), 0.001, SETTINGS)
                            .drifted()
                    ? 1
                    : 0;
        }
        assertThat((double) falseAlarms / WINDOWS).isLessThan(0.02);
        DriftScore shifted = DriftRules.categorical("finish_reason", reference, mix(100, 0.5, 0.45), 0.001, SETTINGS);
        assertThat(shifted.drifted()).as(shifted.detail()).isTrue();
        assertThat(shifted.detail()).contains("vs reference {stop 90%, length 8%, content_filter 2%}");
    }

    @Test
    void semanticDriftComparesKernelMeansAgainstWhatChanceGives() {
        KernelFeatures kernel = new KernelFeatures(8);
        DriftProfile reference = embedded(kernel, 500, 0);
        int falseAlarms = 0;
        for (int w = 0; w < 100; w++) {
            falseAlarms += DriftRules.semantic(reference, embedded(kernel, 100, 0), SETTINGS)
                            .drifted()
                    ? 1
                    : 0;
        }
        assertThat(falseAlarms).isLessThanOrEqualTo(2);
        DriftScore moved = DriftRules.semantic(reference, embedded(kernel, 100, 3), SETTINGS);
        assertThat(moved.drifted()).as(moved.detail()).isTrue();
    }

    @Test
    void profilesSurviveTheirBinaryForm() {
        KernelFeatures kernel = new KernelFeatures(8);
        DriftProfile p = embedded(kernel, 60, 1);
        DriftProfile copy = DriftProfile.fromBytes(p.toBytes());
        assertThat(copy.count()).isEqualTo(60);
        assertThat(copy.bins(NumericFeature.INPUT_TOKENS)).isEqualTo(p.bins(NumericFeature.INPUT_TOKENS));
        assertThat(copy.categories(CategoricalFeature.INPUT_SCRIPT)).isEqualTo(Map.of("latin", 60L));
        assertThat(copy.kernelSum()).isEqualTo(p.kernelSum());
        assertThat(DriftRules.semantic(p, copy, SETTINGS).value()).isZero();
    }

    /** Fine-bin counts of {@code n} log-normal token counts around 40, scaled by {@code scale}. */
    private long[] tokens(int n, double scale) {
        long[] bins = new long[NumericFeature.BINS];
        for (int i = 0; i < n; i++) {
            double v = Math.round(scale * Math.exp(Math.log(40) + 0.5 * gaussian()));
            bins[NumericFeature.INPUT_TOKENS.bin(v)]++;
        }
        return bins;
    }

    private Map<String, Long> mix(int n, double stop, double length) {
        Map<String, Long> counts = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            String c = u < stop ? "stop" : u < stop + length ? "length" : "content_filter";
            counts.merge(c, 1L, Long::sum);
        }
        return counts;
    }

    /** Unit vectors scattered around one of two directions (topic 0 or a topic {@code shift} radians away). */
    private DriftProfile embedded(KernelFeatures kernel, int n, double shift) {
        DriftProfile profile = new DriftProfile();
        for (int i = 0; i < n; i++) {
            float[] v = new float[8];
            double norm = 0;
            for (int d = 0; d < v.length; d++) {
                double centre = d == 0 ? Math.cos(shift / 3) : d == 1 ? Math.sin(shift / 3) : 0;
                v[d] = (float) (centre + 0.35 * gaussian());
                norm += v[d] * v[d];
            }
            for (int d = 0; d < v.length; d++) {
                v[d] /= (float) Math.sqrt(norm);
            }
            profile.add(Completions.withEmbedding(v, 40), kernel.map(v));
        }
        return profile;
    }

    private double gaussian() {
        return random.nextGaussian();
    }
}
