package io.parapet.server.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.parapet.core.Json;
import io.parapet.server.ServerTestSupport;
import io.parapet.server.mock.MockUpstream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A server with an evaluation fixture: a mock model (it echoes the last user message), a policy that never fires,
 * the prompt {@code eval/bot} (version 1 answers with the question, version 2 puts "Sorry, " before it) and the
 * dataset {@code eval/faq} of {@value #ITEMS} questions; with helpers to start runs and wait for them.
 */
public abstract class EvalTestSupport extends ServerTestSupport {
    protected static final int ITEMS = 40;
    private static final List<String> OPEN = List.of("queued", "running");
    protected MockUpstream mock;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new java.util.HashMap<>(super.getProperties());
        properties.put("parapet.eval.runner.poll", "50ms");
        properties.put("parapet.gateway.retry-backoff", "10ms");
        return properties;
    }

    @BeforeAll
    void catalog() throws Exception {
        mock = new MockUpstream(MockUpstream.Behaviour.healthy(5));
        post(
                "/api/v1/models/eval-mock/versions",
                "admin",
                "{\"provider\":\"openai\",\"modelId\":\"m\",\"baseUrl\":\"" + mock.baseUrl()
                        + "\",\"commitMessage\":\"c\"}");
        post(
                "/api/v1/guardrails/policies/eval/open/versions",
                "publisher",
                "{\"commitMessage\":\"c\",\"labels\":[\"production\"],\"policy\":{\"scanners\":[{\"type\":\"banned-patterns\",\"action\":\"warn\",\"config\":{\"substrings\":[\"zzz-never\"]}}]}}");
        // v1 answers with the question (the mock echoes the last user message); v2 puts "Sorry, " before it.
        prompt("eval/bot", "{{question}}");
        prompt("eval/bot", "Sorry, {{question}}");
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < ITEMS; i++) {
            items.append("{\"id\":\"q")
                    .append(i)
                    .append("\",\"variables\":{\"question\":\"Where is my order ")
                    .append(i)
                    .append("?\"},\"expected\":\"order ")
                    .append(i)
                    .append("\"}\n");
        }
        Reply imported = call(
                "POST",
                "/api/v1/datasets/eval/faq/import?format=jsonl",
                "editor",
                items.toString(),
                "Content-Type",
                "text/plain");
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
    }

    @AfterAll
    void stopMock() {
        mock.close();
    }

    protected void prompt(String name, String userTemplate) {
        Reply r = post(
                "/api/v1/prompts/" + name + "/versions",
                "editor",
                "{\"messages\":[{\"role\":\"user\",\"content\":" + Json.write(userTemplate) + "}],"
                        + "\"model\":{\"name\":\"eval-mock\"},\"guardrails\":\"eval/open@production\",\"commitMessage\":\"c\"}");
        assertThat(r.status()).as(r.body()).isIn(200, 201);
    }

    protected JsonNode start(String body) {
        Reply r = post("/api/v1/eval/runs", "editor", body);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.json();
    }

    protected JsonNode finished(long id) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> !OPEN.contains(get("/api/v1/eval/runs/" + id, "viewer")
                        .json()
                        .get("status")
                        .asText()));
        return get("/api/v1/eval/runs/" + id, "viewer").json();
    }

    protected static String spec(String prompt, String extra) {
        String concurrency = extra.contains("concurrency") ? "" : "\"concurrency\":8,";
        return "{\"prompt\":\"" + prompt + "\",\"dataset\":\"eval/faq\"," + concurrency
                + "\"evaluators\":[{\"name\":\"regex\",\"config\":{\"pattern\":\"^Where is my order\"}},{\"name\":\"latency\","
                + "\"config\":{\"max\":10000}}]" + extra + "}";
    }
}
