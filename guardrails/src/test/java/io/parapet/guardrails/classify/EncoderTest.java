package io.parapet.guardrails.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The encoders the heads can be trained on, and the guard that keeps a head to the encoder it was trained on. */
class EncoderTest {

    @ParameterizedTest
    @EnumSource(Encoder.class)
    void each_encoder_loads_from_its_jar_and_puts_a_paraphrase_nearer_than_an_unrelated_text(Encoder encoder) {
        OnnxEncoder model = new OnnxEncoder(encoder, 1);
        float[] question = unit(model, encoder, "How do I reset my password?");
        float[] paraphrase = unit(model, encoder, "I forgot my password, how can I change it?");
        float[] unrelated = unit(model, encoder, "The recipe needs two cups of flour and an egg.");
        assertThat(question).hasSize(Embeddings.DIMENSIONS);
        assertThat(Embeddings.dot(question, paraphrase)).isGreaterThan(Embeddings.dot(question, unrelated));
    }

    @Test
    void a_head_trained_on_another_encoder_is_refused_with_the_way_out() {
        assertThatThrownBy(() -> LinearHead.requireEncoder("guardrails/heads/x.json", "minilm-l6", Encoder.E5_SMALL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("trained on encoder minilm-l6")
                .hasMessageContaining("./parapet train -Dparapet.embeddings.model=e5-small");
        LinearHead.requireEncoder("guardrails/heads/x.json", "minilm-l6", Encoder.MINILM_L6);
    }

    @Test
    void the_shipped_heads_name_the_default_encoder() {
        assertThat(Encoder.active()).isEqualTo(Encoder.MINILM_L6);
        for (String head : new String[] {"injection", "toxicity-toxic", "toxicity-hate"}) {
            assertThat(LinearHead.load("guardrails/heads/" + head + ".json").weights())
                    .isNotEmpty();
        }
    }

    @Test
    void an_unknown_encoder_name_lists_the_known_ones() {
        assertThatThrownBy(() -> Encoder.byId("minilm"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minilm-l6, bge-small, e5-small");
    }

    private static float[] unit(OnnxEncoder model, Encoder encoder, String text) {
        float[] v = model.embed(encoder.prefix() + text).content().vector();
        double norm = Math.sqrt(Embeddings.dot(v, v));
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (v[i] / norm);
        }
        return v;
    }
}
