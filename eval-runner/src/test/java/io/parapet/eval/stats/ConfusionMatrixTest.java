package io.parapet.eval.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Metrics checked against a confusion matrix worked by hand. */
class ConfusionMatrixTest {

    @Test
    void precision_recall_and_f1_per_label_and_macro() {
        // true refund: 3 predicted refund, 1 shipping; true shipping: 1 refund, 1 shipping; true other: 2 shipping.
        ConfusionMatrix m = new ConfusionMatrix();
        add(m, "refund", "refund", 3);
        add(m, "refund", "shipping", 1);
        add(m, "shipping", "refund", 1);
        add(m, "shipping", "shipping", 1);
        add(m, "other", "shipping", 2);
        ConfusionMatrix.Metrics metrics = m.metrics();
        assertThat(metrics.total()).isEqualTo(8);
        assertThat(metrics.accuracy()).isEqualTo(4 / 8.0);
        ConfusionMatrix.PerLabel refund = label(metrics, "refund");
        assertThat(refund.precision()).isEqualTo(3 / 4.0);
        assertThat(refund.recall()).isEqualTo(3 / 4.0);
        assertThat(refund.support()).isEqualTo(4);
        ConfusionMatrix.PerLabel shipping = label(metrics, "shipping");
        assertThat(shipping.precision()).isEqualTo(1 / 4.0);
        assertThat(shipping.recall()).isEqualTo(1 / 2.0);
        assertThat(shipping.f1()).isCloseTo(2 * 0.25 * 0.5 / 0.75, within(1e-12));
        ConfusionMatrix.PerLabel other = label(metrics, "other");
        assertThat(other.precision()).as("never predicted").isZero();
        assertThat(other.f1()).isZero();
        assertThat(metrics.macroRecall()).isCloseTo((0.75 + 0.5 + 0) / 3, within(1e-12));
        assertThat(metrics.macroF1()).isCloseTo((0.75 + 1 / 3.0 + 0) / 3, within(1e-12));
    }

    @Test
    void labels_past_the_cap_are_counted_together() {
        ConfusionMatrix m = new ConfusionMatrix();
        for (int i = 0; i < ConfusionMatrix.MAX_LABELS + 50; i++) {
            m.add("label-" + i, "label-" + i);
        }
        ConfusionMatrix.Metrics metrics = m.metrics();
        assertThat(metrics.labels()).hasSize(ConfusionMatrix.MAX_LABELS + 1);
        assertThat(label(metrics, ConfusionMatrix.MORE).support()).isEqualTo(50);
        assertThat(metrics.total()).isEqualTo(ConfusionMatrix.MAX_LABELS + 50);
    }

    private static void add(ConfusionMatrix m, String actual, String predicted, int times) {
        for (int i = 0; i < times; i++) {
            m.add(actual, predicted);
        }
    }

    private static ConfusionMatrix.PerLabel label(ConfusionMatrix.Metrics metrics, String name) {
        return metrics.labels().stream()
                .filter(l -> l.label().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
