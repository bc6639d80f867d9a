package io.parapet.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parapet.core.ParapetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IncludeRefTest {

    @Test
    void should_parse_label_version_and_bare_forms() {
        assertThat(IncludeRef.parse("shared/footer@staging"))
                .isEqualTo(new IncludeRef("shared/footer", "staging", null));
        assertThat(IncludeRef.parse("footer#3")).isEqualTo(new IncludeRef("footer", null, 3));
        assertThat(IncludeRef.parse("footer")).isEqualTo(new IncludeRef("footer", "production", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Footer@x", "footer#0", "footer#x", "footer@BAD", "@label", "../etc/passwd"})
    void should_reject_malformed_references(String text) {
        assertThatThrownBy(() -> IncludeRef.parse(text)).isInstanceOf(ParapetException.class);
    }
}
