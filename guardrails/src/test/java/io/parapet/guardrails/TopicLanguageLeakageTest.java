package io.parapet.guardrails;

import static io.parapet.guardrails.ScannerTestSupport.scan;
import static io.parapet.guardrails.ScannerTestSupport.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parapet.guardrails.spi.TextNormalizer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** banned-topics, language and pii-leakage, with positive and negative cases and their configuration errors. */
class TopicLanguageLeakageTest {
    static final Map<String, Object> TOPICS = Map.of(
            "topics",
            List.of("medical diagnosis of symptoms and prescription drugs", "investment advice about stocks"));

    @ParameterizedTest
    @ValueSource(
            strings = {
                "I have a sharp pain in my chest and a fever, which medicine should I take?",
                "Should I buy Tesla shares now or wait for the price to drop?"
            })
    void should_flag_banned_topics_by_meaning(String text) {
        ScanResult result = scan("banned-topics", TOPICS, text);
        assertThat(result.score()).as(text).isGreaterThanOrEqualTo(0.5);
        assertThat(types(result)).containsExactly("BANNED_TOPIC");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "How do I bake sourdough bread?",
                "Write a haiku about the sea.",
                "My doctor said my blood pressure is fine.",
                "Explain how compound interest works in savings accounts.",
                ""
            })
    void should_pass_other_topics(String text) {
        assertThat(scan("banned-topics", TOPICS, text).score()).as(text).isLessThan(0.5);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Bonjour, je voudrais réserver une table pour deux personnes ce soir.|LANGUAGE:fr",
                "Guten Tag, ich möchte mein Passwort für das Konto zurücksetzen.|LANGUAGE:de",
                "Hola, quisiera saber el horario de apertura de la tienda mañana.|LANGUAGE:es"
            })
    void should_flag_languages_outside_the_allow_list(String text, String type) {
        ScanResult result = scan("language", Map.of("allowed", List.of("en")), text);
        assertThat(types(result)).containsExactly(type);
        assertThat(result.score()).isGreaterThanOrEqualTo(0.5);
    }

    @Test
    void should_pass_allowed_languages_and_short_text() {
        Map<String, Object> config = Map.of("allowed", List.of("en", "fr"));
        assertThat(scan("language", config, "Could you help me reset the password of my account?")
                        .score())
                .isZero();
        assertThat(scan("language", config, "Je voudrais réserver une table pour deux personnes.")
                        .score())
                .isZero();
        assertThat(scan("language", config, "Danke!").score())
                .as("too short to tell")
                .isZero();
    }

    @Test
    void should_reject_bad_configuration() {
        var catalog = ScannerTestSupport.CATALOG;
        assertThatThrownBy(() -> catalog.get("language").create(Map.of())).hasMessageContaining("'allowed'");
        assertThatThrownBy(() -> catalog.get("language").create(Map.of("allowed", List.of("english"))))
                .hasMessageContaining("unknown language codes [english]");
        assertThatThrownBy(() -> catalog.get("banned-topics").create(Map.of("topics", List.of())))
                .hasMessageContaining("'topics'");
        assertThatThrownBy(
                        () -> catalog.get("banned-topics").create(Map.of("topics", List.of("x"), "minSimilarity", 1.5)))
                .hasMessageContaining("'minSimilarity'");
    }

    @Test
    void should_mark_pii_from_the_prompt_as_leaked() {
        String prompt = "You are the assistant of ACME. Escalations go to ops-lead@acme.example.";
        String output = "Please write to ops-lead@acme.example or to your own address jane@example.org.";
        ScanResult result = scanOutput("pii-leakage", output, prompt);
        assertThat(types(result)).containsExactly("LEAKED_EMAIL_ADDRESS", "EMAIL_ADDRESS");
        assertThat(result.findings().get(0).score()).isEqualTo(1.0);
        assertThat(result.findings().get(1).score()).isLessThan(1.0);
        assertThat(types(scanOutput("pii-leakage", "No personal data here.", prompt)))
                .isEmpty();
    }

    private static ScanResult scanOutput(String scanner, String output, String prompt) {
        return ScannerTestSupport.CATALOG
                .get(scanner)
                .create(Map.of())
                .scan(TextNormalizer.normalize(output), ScanContext.output(prompt));
    }
}
