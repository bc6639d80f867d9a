package io.parapet.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import io.parapet.guardrails.spi.ScanText;
import io.parapet.guardrails.spi.TextNormalizer;
import org.junit.jupiter.api.Test;

class TextNormalizerTest {

    @Test
    void should_leave_plain_ascii_alone() {
        ScanText t = TextNormalizer.normalize("plain text 123");
        assertThat(t.normalized()).isEqualTo("plain text 123");
        assertThat(t.originalSpan(6, 10)).containsExactly(6, 10);
    }

    @Test
    void should_remove_invisible_characters_and_map_spans_back_to_the_original() {
        String original = "mail bo\u200Bb@exa\u2060mple.com now";
        ScanText t = TextNormalizer.normalize(original);
        assertThat(t.normalized()).isEqualTo("mail bob@example.com now");
        int start = t.normalized().indexOf("bob");
        int[] span = t.originalSpan(start, start + "bob@example.com".length());
        assertThat(original.substring(span[0], span[1])).isEqualTo("bo\u200Bb@exa\u2060mple.com");
        assertThat(t.removed()).extracting(ScanText.Removed::kind).containsExactly("ZERO_WIDTH", "ZERO_WIDTH");
    }

    @Test
    void should_fold_compatibility_forms_homoglyphs_and_drop_tag_characters() {
        String tags = new String(Character.toChars(0xE0041)) + new String(Character.toChars(0xE0042));
        ScanText t = TextNormalizer.normalize("ｐａｙ ５５５ \u0440\u0430ypal \uFB01le " + tags + "\u202Eend");
        assertThat(t.normalized()).isEqualTo("pay 555 paypal file end");
        assertThat(t.removed())
                .extracting(ScanText.Removed::kind)
                .containsExactly("TAG_CHARACTER", "TAG_CHARACTER", "BIDI_CONTROL");
    }

    @Test
    void should_map_a_ligature_back_to_its_single_original_character() {
        ScanText t = TextNormalizer.normalize("\uFB01x");
        assertThat(t.normalized()).isEqualTo("fix");
        assertThat(t.originalSpan(0, 2)).containsExactly(0, 1);
        assertThat(t.originalSpan(2, 3)).containsExactly(1, 2);
    }
}
