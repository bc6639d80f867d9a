package io.parapet.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parapet.core.ParapetException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemplatesTest {

    @Test
    void should_list_variables_sections_and_includes_in_order() {
        var parsed =
                Templates.parse("Hi {{name}}, {{#vip}}gold {{tier}}{{/vip}} {{> footer@production}} {{name}}", "t");
        assertThat(parsed.variables()).containsExactly("name", "vip", "tier");
        assertThat(parsed.sections()).containsExactly("vip");
        assertThat(parsed.includes()).containsExactly("footer@production");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Hi {{#a}} there                 | 1 | 4",
                "line one\\nline {{/b}} two       | 2 | 6",
                "ok\\nok\\n  {{#x}}{{/y}}          | 3 | 9",
                "a {{/b}}                        | 1 | 3",
            })
    void should_report_syntax_errors_with_line_and_column(String source, int line, int column) {
        String template = source.trim().replace("\\n", "\n");
        assertThatThrownBy(() -> Templates.parse(template, "template"))
                .isInstanceOf(ParapetException.class)
                .hasMessageContaining("line " + line + ", column " + column)
                .satisfies(e -> assertThat(((ParapetException) e).errors())
                        .extracting("field")
                        .containsExactly("template"));
    }

    @Test
    void should_not_escape_html_because_prompts_are_plain_text() {
        String out = Templates.render("{{v}}", Map.of("v", "<b>\"x\" & 'y'</b>"), Map.of());
        assertThat(out).isEqualTo("<b>\"x\" & 'y'</b>");
    }

    @Test
    void should_keep_template_syntax_inside_values_inert() {
        String out = Templates.render(
                "say {{v}}", Map.of("v", "{{constructor}} {{> secret}} '; DROP TABLE prompt; --"), Map.of());
        assertThat(out).isEqualTo("say {{constructor}} {{> secret}} '; DROP TABLE prompt; --");
    }

    @Test
    void should_fail_on_a_value_missing_at_render_time() {
        assertThatThrownBy(() -> Templates.render("a\n{{missing}}", Map.of(), Map.of()))
                .isInstanceOf(ParapetException.class)
                .hasMessageContaining("'missing' (line 2)");
    }

    @Test
    void should_render_includes_from_the_resolved_map() {
        String out = Templates.render(
                "{{> footer@production}}!", Map.of("who", "Ann"), Map.of("footer@production", "Bye {{who}}"));
        assertThat(out).isEqualTo("Bye Ann!");
    }
}
