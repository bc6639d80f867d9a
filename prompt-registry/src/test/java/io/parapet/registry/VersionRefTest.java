package io.parapet.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parapet.core.ParapetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VersionRefTest {

    @Test
    void should_parse_label_version_and_bare_forms() {
        assertThat(VersionRef.parse("shared/footer@staging"))
                .isEqualTo(new VersionRef("shared/footer", "staging", null));
        assertThat(VersionRef.parse("footer#3")).isEqualTo(new VersionRef("footer", null, 3));
        assertThat(VersionRef.parse("footer")).isEqualTo(new VersionRef("footer", "production", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Footer@x", "footer#0", "footer#x", "footer@BAD", "@label", "../etc/passwd"})
    void should_reject_malformed_references(String text) {
        assertThatThrownBy(() -> VersionRef.parse(text)).isInstanceOf(ParapetException.class);
    }
}
