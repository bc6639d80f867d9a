package io.parapet.guardrails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamingScanTest {
    private final GuardrailEngine engine = new GuardrailEngine();
    private final Policy policy = Policy.compile(
            new PolicyDefinition(
                    true,
                    false,
                    List.of(
                            new ScannerSpec("secrets", Action.BLOCK, 0.5, 1000, Map.of()),
                            new ScannerSpec(
                                    "pii", Action.REDACT, 0.5, 1000, Map.of("entities", List.of("EMAIL_ADDRESS"))))),
            ScannerCatalog.load());

    @AfterAll
    void close() {
        engine.close();
    }

    private StreamingScan stream() {
        return new StreamingScan(engine, policy, ScanContext.output(null), new AnonymizationVault(), 200);
    }

    /** Feeds {@code text} one character at a time, the worst case for anything split across chunks. */
    private static String feedByCharacter(StreamingScan scan, String text, StringBuilder released) {
        for (char c : text.toCharArray()) {
            StreamingScan.Release r = scan.accept(String.valueOf(c));
            released.append(r.text());
            if (r.blocked()) {
                return "blocked";
            }
        }
        StreamingScan.Release last = scan.finish();
        released.append(last.text());
        return last.blocked() ? "blocked" : "done";
    }

    @Test
    void should_hold_text_until_a_sentence_ends_and_release_it_redacted() {
        StreamingScan scan = stream();
        assertThat(scan.accept("Write to ann@exa").text()).isEmpty();
        assertThat(scan.accept("mple.com for help. Then").text()).isEqualTo("Write to [EMAIL_ADDRESS] for help. ");
        assertThat(scan.finish().text()).isEqualTo("Then");
    }

    @Test
    void should_never_release_a_blocked_sentence_even_one_character_at_a_time() {
        StringBuilder released = new StringBuilder();
        String outcome =
                feedByCharacter(stream(), "Here is your answer. The key is AKIAIOSFODNN7EXAMPLE. More text.", released);
        assertThat(outcome).isEqualTo("blocked");
        assertThat(released.toString()).isEqualTo("Here is your answer. ").doesNotContain("AKIA");
    }

    @Test
    void should_release_after_the_hold_limit_at_a_space_when_no_sentence_ends() {
        StreamingScan scan = stream();
        String words = "word ".repeat(60);
        String released = scan.accept(words).text();
        assertThat(released).isNotEmpty().endsWith(" ");
        assertThat(released.length()).isLessThanOrEqualTo(200);
        assertThat(released + scan.finish().text()).isEqualTo(words);
    }

    @Test
    void should_release_nothing_after_a_block() {
        StreamingScan scan = stream();
        assertThat(scan.accept("token AKIAIOSFODNN7EXAMPLE. ").blocked()).isTrue();
        assertThat(scan.accept("innocent text. ").text()).isEmpty();
        assertThat(scan.finish().blocked()).isTrue();
        assertThatThrownBy(() -> new StreamingScan(engine, policy, ScanContext.input(), new AnonymizationVault(), 3))
                .hasMessageContaining("maxHoldChars");
    }
}
