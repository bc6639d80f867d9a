package io.parapet.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the built-in {@code default} policy does with personal data, in each direction. */
class DefaultPolicyTest {
    private static final Policy DEFAULT =
            Policy.compile(PolicyDocument.defaultPolicy().toDefinition(), ScannerCatalog.load());
    private final GuardrailEngine engine = new GuardrailEngine();

    @Test
    void should_redact_a_persons_name_in_input_but_keep_places_and_firms() {
        Verdict verdict = engine.scan(
                DEFAULT,
                "Please call Kwame Mensah in Ljubljana about Northwind Traders, or mail kwame@example.com.",
                ScanContext.input(),
                new AnonymizationVault());
        assertThat(verdict.blocked()).isFalse();
        assertThat(verdict.sanitized())
                .isEqualTo("Please call [PERSON] in Ljubljana about Northwind Traders, or mail [EMAIL_ADDRESS].");
    }

    @Test
    void should_keep_names_in_answers_and_redact_contact_details() {
        Verdict verdict = engine.scan(
                DEFAULT,
                "Ada Lovelace wrote the first program. Write to ada@example.com for the notes.",
                ScanContext.output("Who wrote the first program?"),
                new AnonymizationVault());
        assertThat(verdict.blocked()).isFalse();
        assertThat(verdict.sanitized())
                .isEqualTo("Ada Lovelace wrote the first program. Write to [EMAIL_ADDRESS] for the notes.");
    }

    @Test
    void should_redact_a_link_whole_when_a_name_is_part_of_it() {
        // The name scores higher than the URL, but it is part of it: the whole link goes, not the name alone.
        Verdict verdict = engine.scan(
                DEFAULT,
                "See https://www.TomLeonard.net/blog for the details.",
                ScanContext.input(),
                new AnonymizationVault());
        assertThat(verdict.sanitized()).isEqualTo("See [URL] for the details.");
    }

    @Test
    void should_redact_a_street_address_in_input_only() {
        String text = "Please deliver the parcel to 2450 Crown St before Friday.";
        Verdict input = engine.scan(DEFAULT, text, ScanContext.input(), new AnonymizationVault());
        assertThat(input.sanitized()).isEqualTo("Please deliver the parcel to [STREET_ADDRESS] before Friday.");
        // a model names public addresses in its answers, as it names public people
        Verdict output =
                engine.scan(DEFAULT, text, ScanContext.output("Where should it go?"), new AnonymizationVault());
        assertThat(output.sanitized()).isEqualTo(text);
    }
}
