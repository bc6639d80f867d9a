package io.parapet.server.mock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.parapet.core.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mock upstream itself: the OpenAI wire format it speaks, and each way it can misbehave on request. */
class MockUpstreamTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String REQUEST =
            "{\"model\":\"mock-model\",\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},"
                    + "{\"role\":\"user\",\"content\":\"hello there friend\"}]}";

    @Test
    void should_answer_in_the_openai_format_plain_and_streamed() throws Exception {
        try (MockUpstream mock = new MockUpstream(MockUpstream.Behaviour.healthy(0))) {
            HttpResponse<String> plain = chat(mock, REQUEST);
            assertThat(plain.statusCode()).isEqualTo(200);
            JsonNode body = Json.read(plain.body());
            assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("hello there friend");
            assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(3);

            String streamed = REQUEST.replace("{\"model\"", "{\"stream\":true,\"model\"");
            List<String> events = chat(mock, streamed)
                    .body()
                    .lines()
                    .filter(l -> l.startsWith("data: "))
                    .toList();
            assertThat(events).hasSize(4).last().isEqualTo("data: [DONE]");
            assertThat(Json.read(events.get(0).substring(6))
                            .at("/choices/0/delta/content")
                            .asText())
                    .isEqualTo("hello ");
            assertThat(Json.read(events.get(2).substring(6))
                            .at("/choices/0/finish_reason")
                            .asText())
                    .isEqualTo("stop");
            assertThat(mock.requests()).isEqualTo(2);
        }
    }

    @Test
    void should_fail_rate_limit_and_garble_on_request() throws Exception {
        try (MockUpstream mock = new MockUpstream(new MockUpstream.Behaviour(0, 0, 0, 1, 0, 0, 7))) {
            HttpResponse<String> failed = chat(mock, REQUEST);
            assertThat(failed.statusCode()).isEqualTo(500);
            assertThat(Json.read(failed.body()).at("/error/type").asText()).isEqualTo("server_error");

            mock.behave(new MockUpstream.Behaviour(0, 0, 0, 0, 1, 0, 7));
            HttpResponse<String> limited = chat(mock, REQUEST);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");

            mock.behave(new MockUpstream.Behaviour(0, 0, 0, 0, 0, 1, 7));
            assertThat(chat(mock, REQUEST).body()).startsWith("{\"choices\": [ this is not JSON");

            mock.behave(MockUpstream.Behaviour.healthy(50));
            long start = System.nanoTime();
            assertThat(chat(mock, REQUEST).statusCode()).isEqualTo(200);
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(50);
        }
    }

    @Test
    void should_list_its_model() throws Exception {
        try (MockUpstream mock = new MockUpstream(MockUpstream.Behaviour.healthy(0))) {
            HttpResponse<String> models = HTTP.send(
                    HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/models"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(Json.read(models.body()).at("/data/0/id").asText()).isEqualTo("mock-model");
        }
    }

    private static HttpResponse<String> chat(MockUpstream mock, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/chat/completions"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
