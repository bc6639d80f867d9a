package io.parapet.guardrails.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The entity head's trainer and the rule that picks texts without names as negatives. */
class EntityTrainingTest {

    @Test
    void softmax_regression_learns_three_separable_classes_and_folds_the_scaling_back() {
        // Class c sits at feature c = 100 (a large raw scale, so the folded standardisation is exercised).
        Random random = new Random(1);
        int n = 600;
        float[][] x = new float[n][3];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            for (int j = 0; j < 3; j++) {
                x[i][j] = (float) ((j == y[i] ? 100 : 0) + random.nextGaussian() * 5);
            }
        }
        SoftmaxRegression.Model model = SoftmaxRegression.train(x, y, 3, 1e-3, 20, 1);
        int right = 0;
        for (int i = 0; i < n; i++) {
            if (argmax(model, x[i]) == y[i]) {
                right++;
            }
        }
        assertThat(right).isEqualTo(n);
        assertThat(argmax(model, new float[] {0, 0, 100})).isEqualTo(2);
    }

    @Test
    void training_is_deterministic() {
        float[][] x = {{1, 0}, {0, 1}, {1, 1}, {0, 0}};
        int[] y = {0, 1, 1, 0};
        SoftmaxRegression.Model a = SoftmaxRegression.train(x, y, 2, 1e-2, 5, 0.5);
        SoftmaxRegression.Model b = SoftmaxRegression.train(x, y, 2, 1e-2, 5, 0.5);
        assertThat(a.weights()).isDeepEqualTo(b.weights());
        assertThat(a.bias()).containsExactly(b.bias());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "How do I bake bread? I want it soft.|false",
                "Write a poem about the sea. It should rhyme.|false",
                "I'm planning a trip, what should I pack?|false",
                "\"Hello there,\" she said.|false",
                "Tell me about Paris in the spring.|true",
                "My manager, Sarah, asked for the report.|true"
            })
    void texts_with_a_capital_inside_a_sentence_are_not_taken_as_texts_without_names(String text, boolean capital) {
        assertThat(EntityTraining.capitalizedInside(text)).isEqualTo(capital);
    }

    private static int argmax(SoftmaxRegression.Model model, float[] x) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < model.weights().length; c++) {
            double s = model.bias()[c];
            for (int j = 0; j < x.length; j++) {
                s += model.weights()[c][j] * x[j];
            }
            if (s > bestScore) {
                bestScore = s;
                best = c;
            }
        }
        return best;
    }
}
