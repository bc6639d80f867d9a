package io.parapet.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DocumentsTest {
    record Doc(String name, Object data) {}

    @Test
    void should_refuse_an_alias_chain_before_it_expands() {
        // 20 aliases, each level five copies of the one before: 10 KB of text that copies into 6 MB.
        String text = """
                name: bomb
                data:
                  a: &a ["%s"]
                  b: &b [*a, *a, *a, *a, *a]
                  c: &c [*b, *b, *b, *b, *b]
                  d: &d [*c, *c, *c, *c, *c]
                  e: [*d, *d, *d, *d, *d]
                """.formatted("x".repeat(10_000));

        assertThatThrownBy(() -> Documents.read(text, Doc.class, "bundle"))
                .isInstanceOf(ParapetException.class)
                .hasMessageContaining("the bundle expands through its aliases to more than");
    }

    @Test
    void should_refuse_more_aliases_than_the_cap() {
        StringBuilder text = new StringBuilder("name: many\ndata:\n  a: &a [1]\n  b: [");
        for (int i = 0; i < 21; i++) {
            text.append("*a, ");
        }
        text.append("*a]\n");

        assertThatThrownBy(() -> Documents.read(text.toString(), Doc.class, "policy"))
                .isInstanceOf(ParapetException.class)
                .hasMessageContaining("the policy is not valid YAML or JSON")
                .hasMessageContaining("aliases");
    }

    @Test
    void should_refuse_nesting_ten_thousand_deep() {
        String deep = "name: deep\ndata: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
        String deepJson = "{\"name\": \"deep\", \"data\": " + "{\"a\": ".repeat(10_000) + "1" + "}".repeat(10_001);

        for (String text : List.of(deep, deepJson)) {
            assertThatThrownBy(() -> Documents.read(text, Doc.class, "bundle"))
                    .isInstanceOf(ParapetException.class)
                    .hasMessageContaining("nested more than 64 levels deep");
        }
    }

    @Test
    void should_read_documents_that_use_a_few_aliases() {
        String text = """
                name: shared
                data:
                  base: &base {model: gpt, temperature: 0.2}
                  a: *base
                  b: *base
                """;

        Doc doc = Documents.read(text, Doc.class, "bundle");

        assertThat(doc.name()).isEqualTo("shared");
        assertThat(((Map<?, ?>) doc.data()).get("b")).isEqualTo(Map.of("model", "gpt", "temperature", 0.2));
    }
}
