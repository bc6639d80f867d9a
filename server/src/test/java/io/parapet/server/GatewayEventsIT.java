package io.parapet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parapet.core.Json;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Every chat request that reaches a model leaves a parapet.chat.completion.v1 event in the outbox. */
@MicronautTest(transactional = false)
class GatewayEventsIT extends ServerTestSupport {
    private static final String CHAT = "/v1/chat/completions";

    @Inject
    DataSource dataSource;

    @Test
    void should_record_a_completion_with_versions_verdicts_timings_and_redacted_text() throws Exception {
        post(
                "/api/v1/prompts/ev/bot/versions",
                "publisher",
                "{\"template\":\"Help {{who}}.\",\"commitMessage\":\"c\",\"labels\":[\"production\"]}");
        Reply reply = post(
                CHAT,
                "chat",
                "{\"model\":\"prompt:ev/bot@production\",\"prompt_variables\":{\"who\":\"Ann\"},"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"write to ann@example.com please\"}]}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);

        JsonNode event = only("ev/bot");
        assertThat(event.get("specversion").asText()).isEqualTo("1.0");
        assertThat(event.get("type").asText()).isEqualTo("parapet.chat.completion.v1");
        JsonNode data = event.get("data");
        assertThat(data.get("requestId").asText())
                .isEqualTo(reply.json().get("id").asText());
        assertThat(data.get("key").asText()).isEqualTo("chat-key");
        assertThat(data.get("prompt").asText()).isEqualTo("ev/bot");
        assertThat(data.get("promptVersion").asInt()).isEqualTo(1);
        assertThat(data.get("model").asText()).isEqualTo("echo");
        assertThat(data.get("policy").asText()).isEqualTo("default");
        assertThat(data.get("finishReason").asText()).isEqualTo("stop");
        assertThat(data.get("input").asText())
                .as("redacted as the policy left it")
                .isEqualTo("write to [EMAIL_ADDRESS] please");
        assertThat(data.toString()).doesNotContain("ann@example.com");
        assertThat(data.at("/tokens/input").asInt()).isPositive();
        assertThat(data.at("/timings/totalMs").asDouble()).isPositive();
        assertThat(data.get("guardrails")).anySatisfy(v -> assertThat(v.toString())
                .contains("\"direction\":\"input\"", "\"scanner\":\"pii\"", "\"triggered\":true"));
    }

    @Test
    void should_record_blocked_and_failed_requests_but_not_malformed_ones() throws Exception {
        post(
                "/api/v1/guardrails/policies/ev/strict/versions",
                "publisher",
                "{\"commitMessage\":\"c\",\"labels\":[\"production\"],\"policy\":{\"scanners\":[{\"type\":"
                        + "\"banned-patterns\",\"action\":\"block\",\"config\":{\"substrings\":[\"forbidden\"]}}]}}");
        post(
                "/api/v1/prompts/ev/guarded/versions",
                "editor",
                "{\"template\":\"Be brief.\",\"commitMessage\":\"c\",\"guardrails\":\"ev/strict@production\"}");
        Reply blocked = post(
                CHAT,
                "chat",
                "{\"model\":\"prompt:ev/guarded#1\",\"messages\":[{\"role\":\"user\",\"content\":\"a forbidden word\"}]}");
        assertThat(blocked.status()).isEqualTo(400);
        JsonNode data = only("ev/guarded").get("data");
        assertThat(data.get("finishReason").asText()).isEqualTo("input_blocked");
        assertThat(data.get("input").asText()).as("a blocked input is not kept").isEmpty();

        Reply streamed = post(
                CHAT,
                "chat",
                "{\"model\":\"prompt:ev/guarded#1\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"ok\"}]}");
        assertThat(streamed.status()).isEqualTo(200);
        // A stream writes its event as it ends, which may be just after the client read the last chunk.
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> events("ev/guarded").size() == 2);
        assertThat(events("ev/guarded").get(1).at("/data/stream").asBoolean()).isTrue();

        post("/api/v1/prompts/ev/malformed/versions", "editor", "{\"template\":\"Hi.\",\"commitMessage\":\"c\"}");
        assertThat(post(CHAT, "chat", "{\"model\":\"prompt:ev/malformed#1\",\"messages\":\"nope\"}")
                        .status())
                .isEqualTo(400);
        assertThat(post(CHAT, "chat", "{\"model\":\"prompt:ev/malformed#1\",\"messages\":[]}")
                        .status())
                .isEqualTo(200);
        // Events are written in arrival order: once the good request's is there, the malformed one's would be too.
        assertThat(only("ev/malformed").at("/data/finishReason").asText()).isEqualTo("stop");
    }

    @Test
    void should_cut_long_texts_in_the_event_with_a_marker_and_the_original_length() throws Exception {
        post(
                "/api/v1/guardrails/policies/ev/light/versions",
                "publisher",
                "{\"commitMessage\":\"c\",\"labels\":[\"production\"],\"policy\":{\"scanners\":[{\"type\":"
                        + "\"banned-patterns\",\"action\":\"block\",\"config\":{\"substrings\":[\"forbidden\"]}}]}}");
        post(
                "/api/v1/prompts/ev/long/versions",
                "editor",
                "{\"template\":\"Echo.\",\"commitMessage\":\"c\",\"guardrails\":\"ev/light@production\"}");
        String text = "hello ".repeat(100_000); // 600 KB: with the echo, an event far over Kafka's 1 MiB limit
        Reply reply = post(
                CHAT,
                "chat",
                "{\"model\":\"prompt:ev/long#1\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);

        JsonNode data = only("ev/long").get("data");
        String input = data.get("input").asText();
        assertThat(input).hasSize(16_384 + " …[truncated]".length()).endsWith(" …[truncated]");
        assertThat(data.get("inputChars").asInt()).isEqualTo(text.length());
        assertThat(data.get("output").asText()).endsWith(" …[truncated]");
        assertThat(data.get("outputChars").asInt()).isGreaterThan(16_384);
        assertThat(data.toString().length()).isLessThan(40_000);
    }

    @Test
    void should_take_feedback_on_a_completion_as_an_event_and_refuse_bad_feedback() throws Exception {
        Reply answer = post(CHAT, "chat", "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        String id = answer.json().get("id").asText();
        List<String> refused = List.of(
                "not json",
                "[]",
                "{\"score\":1}",
                "{\"completion_id\":\"chatcmpl-nope\",\"score\":1}",
                "{\"completion_id\":\"" + id + "\",\"score\":2}",
                "{\"completion_id\":\"" + id + "\",\"score\":\"good\"}",
                "{\"completion_id\":\"" + id + "\",\"score\":1,\"comment\":\"" + "x".repeat(2_001) + "\"}");
        for (String body : refused) {
            Reply r = post("/v1/feedback", "chat", body);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.json().at("/error/type").asText()).isEqualTo("invalid_request_error");
        }
        assertThat(post("/v1/feedback", "viewer", "{}").status()).isEqualTo(403);
        assertThat(post("/v1/feedback", null, "{}").status()).isEqualTo(401);
        assertThat(events("parapet.feedback", id))
                .as("refused feedback changes nothing")
                .isEmpty();

        Reply thumbsDown = post(
                "/v1/feedback",
                "chat",
                "{\"completion_id\":\"" + id + "\",\"score\":false,\"comment\":\"<b>rude</b>\"}");
        assertThat(thumbsDown.status()).as(thumbsDown.body()).isEqualTo(202);
        JsonNode event = events("parapet.feedback", id).get(0);
        assertThat(event.get("id").asText())
                .isEqualTo(thumbsDown.json().get("id").asText());
        assertThat(event.at("/data/score").asDouble()).isEqualTo(-1.0);
        assertThat(event.at("/data/comment").asText()).isEqualTo("<b>rude</b>");
    }

    /**
     * The one event of a key, once the writer (which runs after the response) has written it. It writes in arrival
     * order, so any earlier event of the key would be there by then.
     */
    private JsonNode only(String key) throws Exception {
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> !events(key).isEmpty());
        List<JsonNode> events = events(key);
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private List<JsonNode> events(String key) throws Exception {
        return events("parapet.chat.completions", key);
    }

    private List<JsonNode> events(String topic, String key) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT payload FROM outbox_event WHERE topic = ? AND event_key = ? ORDER BY id")) {
            s.setString(1, topic);
            s.setString(2, key);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    events.add(Json.read(rs.getString(1)));
                }
            }
        }
        return events;
    }
}
