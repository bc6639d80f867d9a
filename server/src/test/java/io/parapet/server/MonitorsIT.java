package io.parapet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parapet.core.Json;
import io.parapet.core.test.TestDatabase;
import io.parapet.streaming.KafkaEndpoint;
import io.parapet.streaming.monitor.Alert;
import io.parapet.streaming.monitor.MonitorEngine;
import io.parapet.streaming.monitor.MonitorTopics;
import io.parapet.streaming.test.KafkaRecords;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The monitors end to end on the in-JVM broker: traffic through the gateway → outbox → relay → Kafka Streams →
 * parapet.alerts → database → alerts API. Windows are 10 s here so the test finishes quickly.
 */
@MicronautTest(transactional = false)
class MonitorsIT extends ServerTestSupport {
    private static final long WINDOW_MS = 20_000;
    private final String applicationId = "monitors-it-" + System.nanoTime();

    @Inject
    KafkaEndpoint kafka;

    @Inject
    MonitorEngine engine;

    private Map<String, String> properties;

    private String bootstrapServers() throws Exception {
        return kafka.resolve().orElseThrow().bootstrapServers();
    }

    @Override
    public Map<String, String> getProperties() {
        properties = new java.util.HashMap<>(super.getProperties());
        properties.putAll(localKafka());
        properties.put("parapet.monitors.enabled", "true");
        properties.put("parapet.monitors.windows", "20s");
        properties.put("parapet.monitors.grace", "0s");
        properties.put("parapet.monitors.min-samples", "6");
        properties.put("parapet.monitors.application-id", applicationId);
        return properties;
    }

    private String chatKey() {
        String body = "{\"name\":\"monitored\",\"roles\":[\"chat\"],\"gateway\":{\"defaultPolicy\":\"none\"}}";
        return post("/api/v1/api-keys", "admin", body).json().get("key").asText();
    }

    private void chat(String key, String message) {
        String body = "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":" + Json.write(message) + "}]}";
        assertThat(call("POST", "/v1/chat/completions", key, body).status()).isEqualTo(200);
    }

    @Test
    void aToxicSpikeThroughTheGatewayBecomesAnAlertThatPeopleCanWorkOn() throws Exception {
        String key = chatKey(); // no guardrails: the answers reach the monitors unscored, and they score them
        // Start at the beginning of a window so that every request falls into the same one.
        Thread.sleep(WINDOW_MS - System.currentTimeMillis() % WINDOW_MS + 100);
        for (int i = 0; i < 3; i++) {
            chat(key, "Thank you, the delivery arrived on time and everything works.");
        }
        // A restart in the middle of the window (with a fresh state folder): the window is restored from its
        // changelog, so no event is lost and none is counted twice (8 samples below, not 5 and not 11).
        await().atMost(Duration.ofSeconds(10)).until(() -> committedOffsets() >= 3);
        engine.stop();
        engine.start();
        for (int i = 0; i < 5; i++) {
            chat(key, "You are a worthless stupid idiot and everyone hates you, shut up.");
        }
        // An event after the window's end moves stream time on and closes the window.
        Thread.sleep(WINDOW_MS - System.currentTimeMillis() % WINDOW_MS + 200);
        chat(key, "One more question about my order, please.");

        JsonNode alert = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> get("/api/v1/alerts?monitor=toxicity", "viewer")
                                .json()
                                .get("items"),
                        a -> a.size() == 1)
                .get(0);
        assertThat(alert.get("subject").asText()).isEqualTo("model:echo");
        assertThat(alert.get("samples").asLong()).isEqualTo(8);
        assertThat(alert.get("value").asDouble()).isEqualTo(5 / 8.0);
        assertThat(alert.get("threshold").asDouble()).isEqualTo(0.2);
        assertThat(alert.get("window").asText()).isEqualTo("20s");
        assertThat(alert.get("state").asText()).isEqualTo("open");
        long id = alert.get("id").asLong();

        assertThat(call("POST", "/api/v1/alerts/" + id + "/acknowledge", "viewer", null)
                        .status())
                .isEqualTo(403);
        assertThat(call("POST", "/api/v1/alerts/" + id + "/acknowledge", "editor", null)
                        .json()
                        .get("state")
                        .asText())
                .isEqualTo("acknowledged");
        assertThat(call("POST", "/api/v1/alerts/" + id + "/acknowledge", "editor", null)
                        .status())
                .isEqualTo(409);
        assertThat(call("POST", "/api/v1/alerts/" + id + "/resolve", "editor", null)
                        .json()
                        .get("updatedBy")
                        .asText())
                .isEqualTo("editor-key");
        assertThat(call("POST", "/api/v1/alerts/" + id + "/resolve", "editor", null)
                        .status())
                .isEqualTo(409);
        assertThat(get("/api/v1/alerts?state=resolved", "viewer")
                        .json()
                        .get("total")
                        .asLong())
                .isEqualTo(1);
        assertThat(get("/api/v1/alerts?state=closed", "viewer").status()).isEqualTo(400);
        assertThat(get("/api/v1/audit?action=alert.resolved", "admin")
                        .json()
                        .get("total")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void aWaveOfAbuseRaisesTheToxicInputAlertWhileTheGuardrailsBlockMostOfIt() throws Exception {
        // The default policy: toxic inputs are blocked, so their answers never exist for the answer monitor.
        String body = "{\"name\":\"abused\",\"roles\":[\"chat\"]}"; // no gateway settings: the default policy
        String key = post("/api/v1/api-keys", "admin", body).json().get("key").asText();
        List<String> abuse = List.of(
                "You are a worthless stupid idiot and everyone hates you, shut up.",
                "Shut up you pathetic moron, nobody wants you here.",
                "You disgusting piece of garbage, I hope you rot.",
                "Go to hell you dumb useless loser.");
        Thread.sleep(WINDOW_MS - System.currentTimeMillis() % WINDOW_MS + 100);
        String windowStart = Instant.ofEpochMilli(System.currentTimeMillis() / WINDOW_MS * WINDOW_MS)
                .toString();
        int blocked = 0;
        for (int i = 0; i < 8; i++) {
            String message = abuse.get(i % abuse.size());
            String request =
                    "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":" + Json.write(message) + "}]}";
            int status = call("POST", "/v1/chat/completions", key, request).status();
            assertThat(status).isIn(200, 400);
            blocked += status == 400 ? 1 : 0;
        }
        assertThat(blocked).as("the input guardrails stop most of the wave").isGreaterThanOrEqualTo(6);
        chat(key, "Where can I find the opening hours of the shop?");
        Thread.sleep(WINDOW_MS - System.currentTimeMillis() % WINDOW_MS + 200);
        chat(key, "One more question about my order, please.");

        JsonNode alert = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> inWindow(
                                get("/api/v1/alerts?monitor=toxic-input", "viewer")
                                        .json()
                                        .get("items"),
                                windowStart),
                        a -> a.size() == 1) // other tests' traffic has its own windows
                .get(0);
        assertThat(alert.get("subject").asText()).isEqualTo("model:echo");
        assertThat(alert.get("samples").asLong()).isEqualTo(9);
        // Every blocked input was scored toxic (blocked or not, it counts); the ordinary request was not.
        assertThat(alert.get("value").asDouble()).isBetween(blocked / 9.0, 8 / 9.0);
        assertThat(alert.get("message").asText()).contains("of 9 inputs").contains(blocked + " requests were blocked");
    }

    private static List<JsonNode> inWindow(JsonNode alerts, String windowStart) {
        List<JsonNode> out = new java.util.ArrayList<>();
        alerts.forEach(a -> {
            if (Instant.parse(a.get("windowStart").asText()).toString().equals(windowStart)) {
                out.add(a);
            }
        });
        return out;
    }

    /** How many completion events the monitors have committed as read. */
    private long committedOffsets() throws Exception {
        return KafkaRecords.committed(bootstrapServers(), applicationId, "parapet.chat.completions");
    }

    @Test
    void unreadableEventsGoToTheDeadLetterTopicAndTheMonitorsKeepRunning() throws Exception {
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of("bootstrap.servers", bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(
                    "parapet.chat.completions", "poison-it", "{\"specversion\":".getBytes(StandardCharsets.UTF_8)));
            producer.flush();
        }
        var letters = KafkaRecords.read(bootstrapServers(), MonitorTopics.DLQ, "poison-it", 1, Duration.ofSeconds(60));
        JsonNode letter = Json.read(letters.get(0).value());
        assertThat(letter.get("reason").asText()).startsWith("invalid JSON");
        assertThat(new String(
                        java.util.Base64.getDecoder()
                                .decode(letter.get("original").asText()),
                        StandardCharsets.UTF_8))
                .isEqualTo("{\"specversion\":");
    }

    @Test
    void aDatabaseOutageDelaysStoredAlertsAndLosesNone() throws Exception {
        Instant start = Instant.parse("2026-11-23T10:00:00Z");
        Alert alert = new Alert(
                "error-rate|outage/p#1|20s|1",
                "error-rate",
                "outage/p#1",
                "20s",
                start,
                start.plusSeconds(20),
                0.5,
                0.2,
                30,
                "15 of 30 requests of outage/p#1 failed");
        String url = properties.get("datasources.default.url");
        TestDatabase.cutOff(url, true);
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of("bootstrap.servers", bootstrapServers()),
                new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(MonitorTopics.ALERTS, alert.id(), alert.toJson()));
            producer.send(new ProducerRecord<>(MonitorTopics.ALERTS, alert.id(), alert.toJson())); // redelivered
            producer.flush();
            Thread.sleep(3000); // the store tries, fails, and reads the batch again
        } finally {
            TestDatabase.cutOff(url, false);
        }
        JsonNode stored = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> get("/api/v1/alerts?prompt=outage/p", "viewer").json(),
                        page -> page.path("total").asLong() > 0);
        assertThat(stored.get("total").asLong())
                .as("stored once, not lost, not doubled")
                .isEqualTo(1);
        assertThat(stored.get("items").get(0).get("monitor").asText()).isEqualTo("error-rate");
    }

    @Test
    void theMetricsApiChecksItsWindow() {
        assertThat(get("/api/v1/monitors/some/prompt/metrics?window=2m", "viewer")
                        .status())
                .isEqualTo(400);
        assertThat(get("/api/v1/monitors/some/prompt/metrics?window=20s", "viewer")
                        .json()
                        .isArray())
                .isTrue();
        assertThat(get("/api/v1/monitors/some/prompt/metrics", null).status()).isEqualTo(401);
    }
}
