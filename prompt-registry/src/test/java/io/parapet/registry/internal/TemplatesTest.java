package io.parapet.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parapet.core.ParapetException;
import io.parapet.registry.RenderLimits;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
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

    @Test
    void should_stop_sections_nested_over_a_long_list_at_the_step_limit() {
        // 1,000^4 passes if nothing stopped it; the body writes nothing, so only the step count can.
        Map<String, Object> values = Map.of("a", Collections.nCopies(1000, Map.of()));
        String bomb = "{{#a}}{{#a}}{{#a}}{{#a}}{{/a}}{{/a}}{{/a}}{{/a}}";
        assertThatThrownBy(() -> Templates.render(bomb, values, Map.of()))
                .isInstanceOf(ParapetException.class)
                .hasMessageContaining("more than 1000000 steps")
                .hasMessageContaining("parapet.registry.max-render-steps");
    }

    @Test
    void should_stop_includes_that_fan_out_to_a_huge_text_at_the_length_limit() {
        assertThatThrownBy(() -> Templates.render("{{> l0}}", Map.of(), fanOut(6, "0123456789")))
                .isInstanceOf(ParapetException.class)
                .hasMessageContaining("longer than 1000000 characters")
                .hasMessageContaining("parapet.registry.max-rendered-chars");
    }

    @Test
    void should_count_entering_an_include_even_when_it_writes_nothing() {
        // 11,111 empty includes entered (l0 once, l1 ten times, ... l4 10,000 times): no text is written and no value
        // looked up, yet each entry is a step.
        // (Saved prompts cannot fan out this far: IncludeExpander refuses them; the budget is the second line.)
        var template = Templates.compile("{{> l0}}", fanOut(4, ""));
        assertThatThrownBy(() -> Templates.execute(template, Map.of(), new RenderLimits(100, 10_000)))
                .isInstanceOf(ParapetException.class)
                .hasMessageContaining("more than 10000 steps");
        assertThat(Templates.execute(template, Map.of(), new RenderLimits(100, 11_111)))
                .isEmpty();
    }

    /** {@code l0} includes {@code l1} ten times, and so on down to {@code l<levels>}, which is {@code leaf}. */
    private static Map<String, String> fanOut(int levels, String leaf) {
        Map<String, String> includes = new HashMap<>();
        for (int i = 0; i < levels; i++) {
            includes.put("l" + i, ("{{> l" + (i + 1) + "}}").repeat(10));
        }
        includes.put("l" + levels, leaf);
        return includes;
    }

    @Test
    void should_render_within_limits_and_recover_after_a_render_that_went_over() {
        var template = Templates.compile("{{#items}}{{name}} {{/items}}", Map.of());
        Map<String, Object> values = Map.of("items", List.of(Map.of("name", "a"), Map.of("name", "b")));
        RenderLimits tight = new RenderLimits(3, 100);
        assertThatThrownBy(() -> Templates.execute(template, values, tight)).hasMessageContaining("longer than 3");
        assertThat(Templates.execute(template, values, new RenderLimits(4, 100)))
                .isEqualTo("a b ");
        assertThatThrownBy(() -> Templates.execute(template, values, new RenderLimits(100, 3)))
                .hasMessageContaining("more than 3 steps");
    }

    @Test
    void should_not_reach_java_methods_through_a_value() {
        assertThatThrownBy(() -> Templates.render("{{v.class}}", Map.of("v", "text"), Map.of()))
                .isInstanceOf(ParapetException.class)
                .hasMessageContaining("'v.class'");
        assertThatThrownBy(() -> Templates.render("{{v.bytes}}", Map.of("v", "text"), Map.of()))
                .hasMessageContaining("has no value");
    }
}
