package io.parapet.guardrails;

import static io.parapet.guardrails.ScannerTestSupport.scan;
import static io.parapet.guardrails.ScannerTestSupport.types;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretsAndInvisibleTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "AWS_ACCESS_KEY      | key AKIAIOSFODNN7EXAMPLE in config",
                "GITHUB_TOKEN        | token ghp_0123456789abcdefghijABCDEFGHIJ012345",
                "SLACK_TOKEN         | xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp",
                "SLACK_WEBHOOK       | https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX",
                "STRIPE_KEY          | sk_live_4eC39HqLyjWDarjtT1zdp7dc",
                "GOOGLE_API_KEY      | AIzaSyA-1234567890abcdefghijklmnopqrstu",
                "PRIVATE_KEY         | -----BEGIN RSA PRIVATE KEY-----",
                "JWT                 | eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
                "OPENAI_API_KEY      | sk-proj-abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUV0123456789",
                "HIGH_ENTROPY_SECRET | password = 'X9f$kL2#qPz8!mW4vT7n'",
            })
    void should_find_secrets(String type, String text) {
        assertThat(types(scan("secrets", Map.of(), text.trim()))).contains(type);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "password = 'aaaaaaaaaaaaaaaaaaaa'",
                "AKIA is a prefix",
                "the token is short",
                "sk_live_short",
                "my api key is in the vault",
                "eyJhbGciOi only a header"
            })
    void should_not_flag_ordinary_text(String text) {
        assertThat(types(scan("secrets", Map.of(), text))).isEmpty();
    }

    @Test
    void should_flag_smuggled_tag_characters_and_bidi_controls_with_certainty() {
        String smuggled = "hello" + new String(Character.toChars(0xE0069)) + new String(Character.toChars(0xE0067));
        ScanResult tags = scan("invisible-text", Map.of(), smuggled);
        assertThat(types(tags)).containsExactly("TAG_CHARACTER");
        assertThat(tags.findings().get(0).end() - tags.findings().get(0).start())
                .isEqualTo(4);
        assertThat(tags.score()).isEqualTo(1.0);
        assertThat(scan("invisible-text", Map.of(), "abc \u202Efdp.exe").score())
                .isEqualTo(1.0);
    }

    @Test
    void should_flag_mixed_script_words_but_not_emoji_or_plain_russian() {
        assertThat(types(scan("invisible-text", Map.of(), "login to p\u0430ypal now")))
                .containsExactly("MIXED_SCRIPT");
        assertThat(scan("invisible-text", Map.of(), "family \uD83D\uDC68\u200D\uD83D\uDC69 \u2764\uFE0F")
                        .score())
                .isLessThan(0.5);
        assertThat(types(scan("invisible-text", Map.of(), "\u043F\u0440\u0438\u0432\u0435\u0442 world")))
                .isEmpty();
    }
}
