package io.parapet.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parapet.server.mock.MockUpstream;
import org.junit.jupiter.api.Test;

/**
 * What a request asks of the model besides messages: generation parameters (the prompt's reach the upstream; clients
 * may set only those the prompt allows), response_format, and tools.
 */
@MicronautTest(transactional = false)
class GatewayParametersIT extends ServerTestSupport {
    private static final String CHAT = "/v1/chat/completions";
    private static final String HELLO = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @Test
    void should_send_prompt_parameters_and_allowed_client_overrides_upstream() throws Exception {
        try (MockUpstream mock = new MockUpstream(MockUpstream.Behaviour.healthy(0))) {
            post(
                    "/api/v1/models/param-mock/versions",
                    "admin",
                    "{\"provider\":\"openai\",\"modelId\":\"m\",\"baseUrl\":\"" + mock.baseUrl()
                            + "\",\"commitMessage\":\"c\"}");
            Reply created = post(
                    "/api/v1/prompts/param/bot/versions",
                    "publisher",
                    "{\"template\":\"Be brief.\",\"commitMessage\":\"c\",\"labels\":[\"production\"],\"model\":{"
                            + "\"name\":\"param-mock\",\"parameters\":{\"temperature\":0.2,\"maxTokens\":50},"
                            + "\"clientOverrides\":[\"temperature\"]}}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);

            Reply plain = post(CHAT, "chat", "{\"model\":\"prompt:param/bot@production\"," + HELLO);
            assertThat(plain.status()).as(plain.body()).isEqualTo(200);
            // The provider's own count (the mock splits the messages' JSON on spaces: 2), not the gateway's words (3).
            assertThat(plain.json().at("/usage/prompt_tokens").asInt()).isEqualTo(2);
            assertThat(mock.lastRequest().path("temperature").asDouble())
                    .as(mock.lastRequest().toString())
                    .isEqualTo(0.2);
            assertThat(mock.lastRequest()
                            .path("max_tokens")
                            .asInt(mock.lastRequest()
                                    .path("max_completion_tokens")
                                    .asInt()))
                    .isEqualTo(50);

            assertThat(post(CHAT, "chat", "{\"model\":\"prompt:param/bot@production\",\"temperature\":0.9," + HELLO)
                            .status())
                    .isEqualTo(200);
            assertThat(mock.lastRequest().get("temperature").asDouble())
                    .as("allowed override")
                    .isEqualTo(0.9);

            long before = mock.requests();
            Reply refused = post(CHAT, "chat", "{\"model\":\"prompt:param/bot@production\",\"top_p\":0.5," + HELLO);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().at("/error/param").asText()).isEqualTo("top_p");
            assertThat(refused.json().at("/error/message").asText()).contains("allows [temperature]");
            Reply outOfRange = post(CHAT, "chat", "{\"model\":\"param-mock\",\"temperature\":3," + HELLO);
            assertThat(outOfRange.status()).isEqualTo(400);
            assertThat(mock.requests())
                    .as("refused requests never reach the upstream")
                    .isEqualTo(before);

            assertThat(post(CHAT, "chat", "{\"model\":\"param-mock\",\"seed\":7,\"stop\":\"END\"," + HELLO)
                            .status())
                    .isEqualTo(200);
            assertThat(mock.lastRequest().get("seed").asInt())
                    .as("a catalog model takes any")
                    .isEqualTo(7);
            assertThat(mock.lastRequest().get("stop").toString()).contains("END");

            String schema = "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"a\","
                    + "\"schema\":{\"type\":\"object\"}}},";
            assertThat(post(CHAT, "chat", "{\"model\":\"param-mock\"," + schema + HELLO)
                            .status())
                    .isEqualTo(200);
            assertThat(mock.lastRequest()
                            .at("/response_format/json_schema/name")
                            .asText())
                    .as("passed through as written")
                    .isEqualTo("a");
            before = mock.requests();
            Reply badFormat =
                    post(CHAT, "chat", "{\"model\":\"param-mock\",\"response_format\":{\"type\":\"yaml\"}," + HELLO);
            assertThat(badFormat.json().at("/error/param").asText()).isEqualTo("response_format");
            Reply tools = post(CHAT, "chat", "{\"model\":\"param-mock\",\"tools\":[{\"type\":\"function\"}]," + HELLO);
            assertThat(tools.status()).isEqualTo(400);
            assertThat(tools.json().at("/error/param").asText()).isEqualTo("tools[0]");
            assertThat(mock.requests()).isEqualTo(before);

            Reply unknown = post(
                    "/api/v1/prompts/param/bot/versions",
                    "editor",
                    "{\"template\":\"x\",\"commitMessage\":\"c\",\"model\":{\"name\":\"param-mock\","
                            + "\"clientOverrides\":[\"colour\"]}}");
            assertThat(unknown.status()).isEqualTo(400);
            assertThat(unknown.body()).contains("clientOverrides[0]");
        }
    }

    @Test
    void should_pass_tools_through_and_return_tool_calls_in_openai_shape() throws Exception {
        try (MockUpstream mock = new MockUpstream(MockUpstream.Behaviour.healthy(0))) {
            post(
                    "/api/v1/models/tool-mock/versions",
                    "admin",
                    "{\"provider\":\"openai\",\"modelId\":\"m\",\"baseUrl\":\"" + mock.baseUrl()
                            + "\",\"commitMessage\":\"c\"}");
            String weather = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                    + "\"parameters\":{\"type\":\"object\"}}}],";
            Reply call = post(CHAT, "chat", "{\"model\":\"tool-mock\"," + weather + HELLO);
            assertThat(call.json().at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
            assertThat(call.json()
                            .at("/choices/0/message/tool_calls/0/function/name")
                            .asText())
                    .isEqualTo("get_weather");
            assertThat(mock.lastRequest().at("/tools/0/function/name").asText()).isEqualTo("get_weather");
            Reply answered = post(
                    CHAT,
                    "chat",
                    "{\"model\":\"tool-mock\"," + weather + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
                            + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":"
                            + "\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{}\"}}]},"
                            + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"18 C, ask ann@example.com\"}]}");
            assertThat(answered.json().at("/choices/0/message/content").asText())
                    .as("tool results are scanned like user input before they reach the model")
                    .isEqualTo("tool said: 18 C, ask [EMAIL_ADDRESS]");
            assertThat(mock.lastRequest().at("/messages/1/tool_calls/0/id").asText())
                    .isEqualTo("call_1");
            long before = mock.requests();
            Reply orphan = post(
                    CHAT,
                    "chat",
                    "{\"model\":\"tool-mock\"," + weather
                            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"tool\",\"content\":\"18 C\"}]}");
            assertThat(orphan.status()).isEqualTo(400);
            assertThat(orphan.json().at("/error/param").asText()).isEqualTo("messages[1].tool_call_id");
            assertThat(mock.requests()).as("never sent upstream").isEqualTo(before);

            Reply streamed = post(CHAT, "chat", "{\"model\":\"tool-mock\",\"stream\":true," + weather + HELLO);
            assertThat(streamed.body())
                    .as("a streamed answer ends with its tool calls and finish_reason tool_calls")
                    .contains("\"tool_calls\":[{\"index\":0,\"id\":\"call_1\"")
                    .contains("\"name\":\"get_weather\"")
                    .contains("\"finish_reason\":\"tool_calls\"")
                    .contains("[DONE]");
        }
    }
}
