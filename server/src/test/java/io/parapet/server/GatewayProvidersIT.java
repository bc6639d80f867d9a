package io.parapet.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parapet.server.mock.MockAnthropic;
import io.parapet.server.mock.MockUpstream;
import org.junit.jupiter.api.Test;

/** Providers besides plain OpenAI-compatible ones: Anthropic's Messages API, Azure OpenAI's key header, Ollama's /v1. */
@MicronautTest(transactional = false)
class GatewayProvidersIT extends ServerTestSupport {
    private static final String CHAT = "/v1/chat/completions";

    private static String ask(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"temperature\":0.3,\"messages\":[{\"role\":\"system\",\"content\":\"Be kind.\"},"
                + "{\"role\":\"user\",\"content\":\"Hello there. Mail ann@example.com.\"}]}";
    }

    @Test
    void should_call_anthropic_whole_and_streamed_with_its_key_header_and_usage() throws Exception {
        try (MockAnthropic mock = new MockAnthropic()) {
            assertThat(post(
                                    "/api/v1/models/claude/versions",
                                    "admin",
                                    "{\"provider\":\"anthropic\",\"modelId\":\"claude-test\",\"baseUrl\":\""
                                            + mock.baseUrl()
                                            + "\",\"credential\":\"sk-ant-secret\",\"commitMessage\":\"c\"}")
                            .status())
                    .isEqualTo(201);
            Reply whole = post(CHAT, "chat", ask("claude", false));
            assertThat(whole.status()).as(whole.body()).isEqualTo(200);
            assertThat(whole.json().at("/choices/0/message/content").asText())
                    .isEqualTo("Hello there. Mail [EMAIL_ADDRESS].");
            assertThat(whole.json().at("/usage/prompt_tokens").asInt()).isEqualTo(7);
            assertThat(mock.lastKey()).isEqualTo("sk-ant-secret");
            assertThat(mock.lastRequest().path("model").asText()).isEqualTo("claude-test");
            assertThat(mock.lastRequest().path("temperature").asDouble()).isEqualTo(0.3);
            assertThat(mock.lastRequest().path("system").toString()).contains("Be kind.");

            Reply json = post(
                    CHAT,
                    "chat",
                    "{\"model\":\"claude\",\"response_format\":{\"type\":\"json_object\"},\"messages\":[]}");
            assertThat(json.status()).isEqualTo(400);
            assertThat(json.json().at("/error/message").asText()).contains("OpenAI-compatible providers only");

            Reply streamed = post(CHAT, "chat", ask("claude", true));
            assertThat(streamed.body()).contains("[DONE]").doesNotContain("ann@example.com");
            assertThat(streamed.body()).contains("[EMAIL_ADDRESS]");
        }
    }

    @Test
    void should_send_azure_keys_as_api_key_and_reach_ollama_through_v1() throws Exception {
        try (MockUpstream mock = new MockUpstream(MockUpstream.Behaviour.healthy(0))) {
            String root = mock.baseUrl().replaceFirst("/v1$", "");
            post(
                    "/api/v1/models/azure-gpt/versions",
                    "admin",
                    "{\"provider\":\"azure-openai\",\"modelId\":\"my-deployment\",\"baseUrl\":\"" + mock.baseUrl()
                            + "\",\"credential\":\"azure-secret\",\"commitMessage\":\"c\"}");
            Reply azure = post(CHAT, "chat", ask("azure-gpt", false));
            assertThat(azure.status()).as(azure.body()).isEqualTo(200);
            assertThat(mock.lastHeader("api-key")).isEqualTo("azure-secret");
            assertThat(mock.lastHeader("Upgrade"))
                    .as("over plain http the client speaks HTTP/1.1, with no h2c upgrade attempt on every call")
                    .isNull();
            assertThat(mock.lastRequest().path("model").asText()).isEqualTo("my-deployment");

            Reply nowhere = post(
                    "/api/v1/models/azure-nowhere/versions",
                    "admin",
                    "{\"provider\":\"azure-openai\",\"modelId\":\"d\",\"commitMessage\":\"c\"}");
            assertThat(nowhere.status()).as("Azure has no default endpoint").isEqualTo(400);
            assertThat(nowhere.json().at("/errors/0/field").asText()).isEqualTo("baseUrl");

            post(
                    "/api/v1/models/llama/versions",
                    "admin",
                    "{\"provider\":\"ollama\",\"modelId\":\"llama3\",\"baseUrl\":\"" + root
                            + "\",\"commitMessage\":\"c\"}");
            Reply ollama = post(CHAT, "chat", ask("llama", true));
            assertThat(ollama.body()).contains("[DONE]");
            assertThat(mock.lastRequest().path("model").asText()).isEqualTo("llama3");
        }
    }
}
