package io.parapet.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

/** A policy's refusal message: a block answers it as a normal, content-filtered completion instead of a 400. */
@MicronautTest(transactional = false)
class GatewayRefusalIT extends ServerTestSupport {
    private static final String CHAT = "/v1/chat/completions";
    private static final String SORRY = "Sorry, I can't help with that.";

    private void policy(String name, String direction) {
        Reply created = post(
                "/api/v1/guardrails/policies/" + name + "/versions",
                "publisher",
                "{\"commitMessage\":\"c\",\"labels\":[\"production\"],\"policy\":{\"refusal\":\"" + SORRY + "\","
                        + "\"scanners\":[{\"type\":\"banned-patterns\",\"action\":\"block\",\"direction\":\""
                        + direction
                        + "\",\"config\":{\"substrings\":[\"secret plan\"]}}]}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private void prompt(String name, String policy) {
        post(
                "/api/v1/prompts/" + name + "/versions",
                "editor",
                "{\"template\":\"Be brief.\",\"commitMessage\":\"c\",\"guardrails\":\"" + policy + "@production\"}");
    }

    private static String ask(String prompt, boolean stream) {
        return "{\"model\":\"prompt:" + prompt + "#1\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"All fine so far. Here is the secret plan.\"}]}";
    }

    @Test
    void should_answer_an_input_block_with_the_refusal_whole_or_streamed() {
        policy("refuse/in", "input");
        prompt("refuse/in-bot", "refuse/in");
        Reply whole = post(CHAT, "chat", ask("refuse/in-bot", false));
        assertThat(whole.status()).as(whole.body()).isEqualTo(200);
        assertThat(whole.json().at("/choices/0/message/content").asText()).isEqualTo(SORRY);
        assertThat(whole.json().at("/choices/0/finish_reason").asText()).isEqualTo("content_filter");
        assertThat(whole.header("x-parapet-guardrails")).contains("blocked input by banned-patterns");

        Reply streamed = post(CHAT, "chat", ask("refuse/in-bot", true));
        assertThat(streamed.body())
                .contains(SORRY)
                .contains("\"finish_reason\":\"content_filter\"")
                .contains("[DONE]");
        assertThat(streamed.body()).doesNotContain("secret plan");
    }

    @Test
    void should_end_a_blocked_stream_with_the_refusal_and_never_send_the_blocked_text() {
        policy("refuse/out", "output");
        prompt("refuse/out-bot", "refuse/out");
        Reply streamed = post(CHAT, "chat", ask("refuse/out-bot", true));
        assertThat(streamed.body())
                .contains("All fine so far.")
                .contains(SORRY)
                .contains("\"finish_reason\":\"content_filter\"")
                .contains("[DONE]")
                .doesNotContain("secret plan")
                .doesNotContain("\"error\"");

        Reply blank = post(
                "/api/v1/guardrails/policies/refuse/blank/versions",
                "publisher",
                "{\"commitMessage\":\"c\",\"policy\":{\"refusal\":\" \",\"scanners\":[{\"type\":\"secrets\","
                        + "\"action\":\"block\"}]}}");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body()).contains("refusal");
    }
}
