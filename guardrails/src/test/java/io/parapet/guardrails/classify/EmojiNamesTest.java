package io.parapet.guardrails.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Emoji reach the encoder as words it knows, not as one unknown token for all of them. */
class EmojiNamesTest {

    @Test
    void text_without_emoji_is_left_as_it_is() {
        String text = "Caf\u00e9 \u00a9 2024, 20\u00b0C \u2014 \u201cfine\u201d.";
        assertThat(EmojiNames.named(text)).isSameAs(text);
    }

    @Test
    void emoji_are_named_and_a_run_of_one_is_named_once() {
        assertThat(EmojiNames.named("lol \uD83D\uDE02\uD83D\uDE02\uD83D\uDE02 ok")
                        .replaceAll("\\s+", " "))
                .isEqualTo("lol face with tears of joy ok");
        assertThat(EmojiNames.named("\uD83D\uDC12\uD83D\uDE02\uD83D\uDC12")
                        .replaceAll("\\s+", " ")
                        .strip())
                .as("different emoji in turn are each named")
                .isEqualTo("monkey face with tears of joy monkey");
    }

    @Test
    void joiners_selectors_and_skin_tones_are_dropped_and_flags_keep_their_code() {
        String redHeart = "\u2764\uFE0F";
        String thumbsUpDark = "\uD83D\uDC4D\uD83C\uDFFF";
        String rainbowFlag = "\uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08";
        String usFlag = "\uD83C\uDDFA\uD83C\uDDF8";
        assertThat(EmojiNames.named(redHeart + thumbsUpDark + rainbowFlag + usFlag + "!")
                        .replaceAll("\\s+", " ")
                        .strip())
                .isEqualTo("heavy black heart thumbs up sign waving white flag rainbow flag us !");
    }

    @Test
    void rows_of_different_emoji_no_longer_embed_alike() {
        float[] hearts = Embeddings.embed("\u2764\uFE0F".repeat(12));
        float[] monkeys = Embeddings.embed("\uD83D\uDC12".repeat(12));
        assertThat(Embeddings.dot(hearts, monkeys)).isLessThan(0.9);
    }
}
