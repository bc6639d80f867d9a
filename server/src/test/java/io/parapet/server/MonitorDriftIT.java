package io.parapet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parapet.core.Json;
import io.parapet.streaming.KafkaEndpoint;
import io.parapet.streaming.monitor.MonitorTopics;
import io.parapet.streaming.test.KafkaRecords;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Drift and online evaluation end to end, with the real MiniLM: traffic through the gateway → outbox → relay →
 * Kafka Streams → database → API. A prompt version's first 40 requests are its reference; a window of questions
 * like them raises nothing, and a window about something else raises a semantic drift alert. Windows are 10 s and
 * close on the wall clock once traffic pauses, so no later request is needed to see them.
 */
@MicronautTest(transactional = false)
class MonitorDriftIT extends ServerTestSupport {
    private static final long WINDOW_MS = 10_000;
    private static final List<String> BILLING = List.of(
            "How do I get a refund for invoice %d?",
            "Why was my card charged twice for order %d?",
            "Can you send me the receipt for payment %d?",
            "I need to update the billing address on account %d.",
            "When will the refund for order %d reach my bank?",
            "My invoice %d shows the wrong amount, can you fix it?",
            "Please cancel the duplicate charge on invoice %d.",
            "Which payment methods can I use for subscription %d?");
    private static final List<String> FOOTBALL = List.of(
            "Who scored the winning goal in match %d last night?",
            "Was the referee right to give that penalty in game %d?",
            "Which striker leads the league after round %d?",
            "When does the coach announce the squad for fixture %d?",
            "How many fans fit in the stadium for derby %d?",
            "Did the goalkeeper save the penalty in match %d?");
    private final Random random = new Random(5);

    @Inject
    KafkaEndpoint kafka;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new java.util.HashMap<>(super.getProperties());
        properties.putAll(localKafka());
        properties.put("parapet.monitors.enabled", "true");
        properties.put("parapet.monitors.windows", "10s");
        properties.put("parapet.monitors.grace", "0s");
        properties.put("parapet.monitors.application-id", "drift-it-" + System.nanoTime());
        properties.put("parapet.monitors.drift.reference-size", "40");
        properties.put("parapet.monitors.drift.min-samples", "20");
        properties.put("parapet.monitors.drift.semantic-per-second", "0"); // every input embedded
        properties.put("parapet.monitors.online.sample", "1.0");
        properties.put("parapet.gateway.default-policy", "none");
        return properties;
    }

    private void ask(String template, boolean json) {
        String question = String.format(template, 1000 + random.nextInt(9000));
        String body = "{\"model\":\"prompt:drift/bot#1\",\"messages\":[{\"role\":\"user\",\"content\":"
                + Json.write(question) + "}]" + (json ? ",\"response_format\":{\"type\":\"json_object\"}" : "") + "}";
        Reply reply = post("/v1/chat/completions", "chat", body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    private void window(List<String> topic, int requests) throws InterruptedException {
        Thread.sleep(WINDOW_MS - System.currentTimeMillis() % WINDOW_MS + 100);
        for (int i = 0; i < requests; i++) {
            ask(topic.get(random.nextInt(topic.size())), false);
        }
    }

    private JsonNode driftAlerts() {
        return get("/api/v1/alerts?prompt=drift/bot", "viewer").json().get("items");
    }

    @Test
    void aShiftedTopicRaisesADriftAlertAndSimilarTrafficDoesNot() throws Exception {
        Reply created = post(
                "/api/v1/prompts/drift/bot/versions",
                "editor",
                "{\"template\":\"Answer the customer.\",\"commitMessage\":\"c\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        window(BILLING, 40); // the reference
        window(BILLING, 30); // like it
        window(FOOTBALL, 30); // drifted

        JsonNode metrics = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> get("/api/v1/monitors/drift/bot/metrics?window=10s", "viewer")
                                .json(),
                        m -> m.size() >= 3);
        List<JsonNode> windows = StreamSupport.stream(metrics.spliterator(), false)
                .filter(m -> m.path("subject").asText().equals("drift/bot#1"))
                .toList();
        JsonNode similar = windows.get(windows.size() - 2).path("drift");
        JsonNode shifted = windows.get(windows.size() - 1).path("drift");
        assertThat(similar.path("input_semantic").path("drifted").asBoolean())
                .as("similar window: %s", similar)
                .isFalse();
        assertThat(shifted.path("input_semantic").path("drifted").asBoolean())
                .as("shifted window: %s", shifted)
                .isTrue();

        JsonNode alerts = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(this::driftAlerts, a -> !a.isEmpty());
        assertThat(alerts)
                .extracting(a -> a.get("monitor").asText())
                .contains("drift:input_semantic")
                .allMatch(m -> m.startsWith("drift:"));
        // Latency is the one feature this test does not control: it follows the machine (JIT warm-up during the
        // reference window, a loaded CI host), so a latency drift alert on the similar window is real, not a false
        // alarm about the traffic. The questions are seeded, so every content feature is the same in every run.
        List<JsonNode> contentAlerts = StreamSupport.stream(alerts.spliterator(), false)
                .filter(a -> !a.get("monitor").asText().equals("drift:latency_ms"))
                .toList();
        assertThat(contentAlerts)
                .extracting(a -> a.get("windowStart").asText())
                .as("every drift alert about the traffic is about the shifted window: %s", alerts)
                .containsOnly(windows.get(windows.size() - 1).path("start").asText());
    }

    @Test
    void sampledCompletionsAreEvaluatedOnline() throws Exception {
        post(
                "/api/v1/prompts/online/bot/versions",
                "editor",
                "{\"template\":\"Answer in JSON.\",\"commitMessage\":\"c\"}");
        String body = "{\"model\":\"prompt:online/bot#1\",\"response_format\":{\"type\":\"json_object\"},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"not json at all\"}]}";
        assertThat(post("/v1/chat/completions", "chat", body).status()).isEqualTo(200);
        String bootstrap = kafka.resolve().orElseThrow().bootstrapServers();
        // Keyed like the completion event: by prompt name.
        var records = KafkaRecords.read(bootstrap, MonitorTopics.EVAL_ONLINE, "online/bot", 1, Duration.ofSeconds(60));
        assertThat(records).hasSize(1);
        JsonNode result = Json.read(records.get(0).value());
        assertThat(result.path("subject").asText()).isEqualTo("online/bot#1");
        assertThat(result.path("passed").asBoolean()).isFalse();
        assertThat(result.path("checks").toString())
                .contains("\"name\":\"json\",\"passed\":false")
                .contains("not valid JSON")
                .contains("\"name\":\"length\",\"passed\":true");
    }
}
