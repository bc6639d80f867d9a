package io.parapet.server.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parapet.core.Json;
import io.parapet.server.ServerTestSupport;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Template bombs through the API: includes that fan out, saved directly or made so later by moving a label, and
 * sections nested over a long list. Each is refused with a 400 that names the limit, by the render API and the
 * chat gateway alike, instead of rendering gigabytes.
 */
@MicronautTest(environments = "postgres", transactional = false)
class TemplateBombIT extends ServerTestSupport {

    private void save(String name, String template) {
        Reply saved = post(
                "/api/v1/prompts/" + name + "/versions",
                "admin",
                "{\"template\":" + Json.write(template) + ",\"commitMessage\":\"bomb\",\"labels\":[\"production\"]}");
        assertThat(saved.status()).as(saved.body()).isIn(201, 409);
    }

    private static String tenTimes(String include) {
        return ("{{> " + include + "@production}}").repeat(10);
    }

    @Test
    void should_refuse_to_save_includes_that_fan_out_past_the_limit() {
        save("bomb/fan/l4", "x");
        save("bomb/fan/l3", tenTimes("bomb/fan/l4"));
        save("bomb/fan/l2", tenTimes("bomb/fan/l3"));
        save("bomb/fan/l1", tenTimes("bomb/fan/l2"));
        long audit = auditTotal();

        Reply refused = post(
                "/api/v1/prompts/bomb/fan/root/versions",
                "admin",
                "{\"template\":" + Json.write(tenTimes("bomb/fan/l1")) + ",\"commitMessage\":\"10^5 copies\"}");

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("more than 10000 times once they are expanded");
        assertThat(auditTotal()).isEqualTo(audit);
    }

    @Test
    void should_refuse_to_render_a_prompt_that_a_label_move_turned_into_a_bomb() {
        save("bomb/moved/leaf", "x");
        save("bomb/moved/mid", tenTimes("bomb/moved/leaf"));
        save("bomb/moved/root", tenTimes("bomb/moved/mid"));
        save("bomb/moved/empty", "");
        assertThat(post("/api/v1/prompts/bomb/moved/root/render", "admin", "{}")
                        .json()
                        .path("text")
                        .asText())
                .isEqualTo("x".repeat(100));

        // Fine on its own (100 uses), but the root includes it 100 times: 10,110 uses once expanded.
        Reply leaf = post(
                "/api/v1/prompts/bomb/moved/leaf/versions",
                "admin",
                "{\"template\":" + Json.write(("{{> bomb/moved/empty@production}}").repeat(100))
                        + ",\"commitMessage\":\"fan out\",\"labels\":[\"production\"]}");
        assertThat(leaf.status()).as(leaf.body()).isIn(201, 409);

        Reply rendered = post("/api/v1/prompts/bomb/moved/root/render", "admin", "{}");
        assertThat(rendered.status()).as(rendered.body()).isEqualTo(400);
        assertThat(rendered.body()).contains("more than 10000 times once they are expanded");
        Reply chat = post(
                "/v1/chat/completions", "chat", "{\"model\":\"prompt:bomb/moved/root@production\",\"messages\":[]}");
        assertThat(chat.status()).as(chat.body()).isEqualTo(400);
        assertThat(chat.json().at("/error/message").asText()).contains("more than 10000 times");
    }

    @Test
    void should_stop_sections_nested_over_a_long_list() {
        save("bomb/sections", "{{#a}}{{#a}}{{#a}}{{#a}}.{{/a}}{{/a}}{{/a}}{{/a}}");
        Map<String, Object> variables = Map.of("a", Collections.nCopies(1000, Map.of()));

        Reply rendered = post(
                "/api/v1/prompts/bomb/sections/render",
                "viewer",
                Json.write(Map.of("label", "production", "variables", variables)));
        assertThat(rendered.status()).as(rendered.body()).isEqualTo(400);
        assertThat(rendered.body()).containsAnyOf("max-render-steps", "max-rendered-chars");

        Reply chat = post(
                "/v1/chat/completions",
                "chat",
                Json.write(Map.of(
                        "model",
                        "prompt:bomb/sections@production",
                        "messages",
                        List.of(),
                        "prompt_variables",
                        variables)));
        assertThat(chat.status()).as(chat.body()).isEqualTo(400);
        assertThat(chat.json().at("/error/message").asText()).containsAnyOf("max-render-steps", "max-rendered-chars");
    }
}
