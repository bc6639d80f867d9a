package io.parapet.guardrails.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.parapet.guardrails.training.LabelledCorpora.Example;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InsultSwapsTest {

    @Test
    void the_one_insult_becomes_a_friendly_word_of_its_kind_and_nothing_else_changes() {
        String noun = InsultSwaps.swapOnlyInsult("@bob you are such a clown lol");
        assertThat(noun).startsWith("@bob you are such a ").endsWith(" lol").doesNotContain("clown");
        assertThat(noun.split(" ")).hasSize(7);

        assertThat(InsultSwaps.swapOnlyInsult("Idiots everywhere today")).matches("[A-Z][a-z]+s everywhere today");
        assertThat(InsultSwaps.swapOnlyInsult("what a stupid take")).matches("what a [a-z]+ take");
        // the same text always gets the same word: the augmentation is reproducible
        assertThat(InsultSwaps.swapOnlyInsult("what a stupid take"))
                .isEqualTo(InsultSwaps.swapOnlyInsult("what a stupid take"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "no insult in this one",
                "you stupid clown", // two insults: one would remain
                "shut up you idiot, fuck off", // another rude word would remain
                "stop bitching about it" // a verb, not the noun
            })
    void texts_that_would_keep_a_rude_word_or_have_none_are_not_swapped(String text) {
        assertThat(InsultSwaps.swapOnlyInsult(text)).isNull();
    }

    @Test
    void only_toxic_not_hateful_sentences_gain_a_benign_copy() {
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            examples.add(new Example("you are a loser " + i, Map.of("toxic", 1, "hate", 0), "davidson", false));
            examples.add(new Example("they are losers " + i, Map.of("toxic", 1, "hate", 1), "davidson", false));
            examples.add(new Example("a useless meeting " + i, Map.of("toxic", 0, "hate", 0), "davidson", false));
        }
        List<Example> swaps = InsultSwaps.benignSwaps(examples);

        assertThat(swaps).isNotEmpty().allSatisfy(e -> {
            assertThat(e.text()).startsWith("you are a ").doesNotContain("loser");
            assertThat(e.labels()).containsEntry("toxic", 0).containsEntry("hate", 0);
        });
        // a sample, not every sentence: a quarter of 400, give or take the hash
        assertThat(swaps.size()).isBetween(60, 140);
    }
}
