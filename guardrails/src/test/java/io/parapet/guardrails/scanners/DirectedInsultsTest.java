package io.parapet.guardrails.scanners;

import static org.assertj.core.api.Assertions.assertThat;

import io.parapet.guardrails.spi.TextNormalizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An insult counts only when it is aimed at the reader and not negated. */
class DirectedInsultsTest {
    private static final DirectedInsults INSULTS = DirectedInsults.builtIn();

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "You are a worthless stupid idiot and everyone hates you, shut up. | 3",
                "nobody likes you, you ugly moron | 2",
                "ur such a l0ser | 1",
                "you're a st*pid clown | 2",
                "I made a stupid mistake in the spreadsheet | 0",
                "this printer is useless | 0",
                "you are not stupid for asking | 0",
                "you aren't an idiot, the form is confusing | 0",
                "you should see the idiot who parked here | 0",
                "Thank you! The pig roast was great. | 0"
            })
    void counts_insults_aimed_at_the_reader(String text, int expected) {
        assertThat(INSULTS.count(TextNormalizer.normalize(text).normalized()))
                .as(text)
                .isEqualTo(expected);
    }
}
