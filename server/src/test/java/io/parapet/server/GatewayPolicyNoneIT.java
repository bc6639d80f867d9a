package io.parapet.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** parapet.gateway.default-policy=none: catalog-model requests skip guardrails; prompts keep their own policy. */
@MicronautTest(transactional = false)
class GatewayPolicyNoneIT extends ServerTestSupport {
    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("parapet.gateway.default-policy", "none");
        return properties;
    }

    @Test
    void should_pass_text_unscanned_for_catalog_models_only() {
        String ask = "\"messages\":[{\"role\":\"user\",\"content\":\"mail ann@example.com now.\"}]}";
        Reply plain = post("/v1/chat/completions", "chat", "{\"model\":\"echo\"," + ask);
        assertThat(plain.json().at("/choices/0/message/content").asText()).isEqualTo("mail ann@example.com now.");
        assertThat(plain.header("x-parapet-guardrails")).startsWith("policy=none");
        assertThat(post("/v1/chat/completions", "chat", "{\"model\":\"echo\",\"stream\":true," + ask)
                        .body())
                .contains("ann@example.com")
                .contains("[DONE]");

        post(
                "/api/v1/guardrails/policies/none/pii/versions",
                "publisher",
                "{\"commitMessage\":\"c\",\"labels\":[\"production\"],\"policy\":{\"scanners\":[{\"type\":\"pii\","
                        + "\"action\":\"redact\"}]}}");
        post(
                "/api/v1/prompts/none/guarded/versions",
                "editor",
                "{\"template\":\"Hi.\",\"commitMessage\":\"c\",\"guardrails\":\"none/pii@production\"}");
        Reply guarded = post("/v1/chat/completions", "chat", "{\"model\":\"prompt:none/guarded#1\"," + ask);
        assertThat(guarded.json().at("/choices/0/message/content").asText()).isEqualTo("mail [EMAIL_ADDRESS] now.");
    }
}
