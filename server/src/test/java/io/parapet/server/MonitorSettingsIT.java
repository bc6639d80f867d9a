package io.parapet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parapet.core.Json;
import io.parapet.streaming.KafkaEndpoint;
import io.parapet.streaming.test.KafkaRecords;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A prompt's own monitor thresholds: the API, its checks, and the event that carries them to the monitors. */
@MicronautTest(transactional = false)
class MonitorSettingsIT extends ServerTestSupport {
    private static final String SETTINGS = "/api/v1/monitors/tuned/bot/settings";

    @Inject
    KafkaEndpoint kafka;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new java.util.HashMap<>(super.getProperties());
        properties.putAll(localKafka());
        return properties;
    }

    @BeforeAll
    void prompt() {
        Reply created =
                post("/api/v1/prompts/tuned/bot/versions", "editor", "{\"template\":\"Hi.\",\"commitMessage\":\"c\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    @Test
    void editorsSetAPromptsThresholdsAndTheMonitorsAreTold() throws Exception {
        JsonNode defaults = get(SETTINGS, "viewer").json();
        assertThat(defaults.at("/effective/toxicRate").asDouble()).isEqualTo(0.2);
        assertThat(defaults.at("/overrides/toxicRate").isNumber())
                .as("no override")
                .isFalse();

        Reply put = call(
                "PUT",
                SETTINGS,
                "editor",
                "{\"toxicRate\":0.05,\"minSamples\":50,\"drift\":false,\"referenceSince\":\"2026-11-23T10:00:00Z\"}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().at("/effective/toxicRate").asDouble()).isEqualTo(0.05);
        assertThat(put.json().at("/effective/blockRate").asDouble()).isEqualTo(0.5); // the default stays
        assertThat(put.json().at("/effective/drift").asBoolean()).isFalse();
        assertThat(put.json().at("/effective/referenceSince").asText()).isEqualTo("2026-11-23T10:00:00Z");
        assertThat(put.json().get("updatedBy").asText()).isEqualTo("editor-key");

        String bootstrap = kafka.resolve().orElseThrow().bootstrapServers();
        var events = KafkaRecords.read(bootstrap, "parapet.monitor.settings", "tuned/bot", 1, Duration.ofSeconds(30));
        assertThat(events).isNotEmpty();
        JsonNode event = Json.read(events.get(0).value());
        assertThat(event.get("type").asText()).isEqualTo("parapet.monitor.settings.v1");
        assertThat(event.at("/data/toxicRate").asDouble()).isEqualTo(0.05);

        assertThat(call("DELETE", SETTINGS, "editor", null)
                        .json()
                        .at("/effective/toxicRate")
                        .asDouble())
                .isEqualTo(0.2);
        assertThat(call("DELETE", SETTINGS, "editor", null).status()).isEqualTo(404);
        assertThat(get("/api/v1/audit?action=monitor.settings&target=tuned/bot", "admin")
                        .json()
                        .get("total")
                        .asLong())
                .isEqualTo(1);
        assertThat(get("/api/v1/audit?action=monitor.settings.reset&target=tuned/bot", "admin")
                        .json()
                        .get("total")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void concurrentWritersAllSucceedAndTheTopicEndsWhereTheTableDoes() throws Exception {
        post("/api/v1/prompts/race/bot/versions", "editor", "{\"template\":\"Hi.\",\"commitMessage\":\"c\"}");
        String url = "/api/v1/monitors/race/bot/settings";
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> puts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String body = "{\"toxicRate\":0." + (10 + i) + "}";
                puts.add(pool.submit(() -> call("PUT", url, "editor", body).status()));
            }
            for (Future<Integer> put : puts) {
                assertThat(put.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }
        double stored = get(url, "viewer").json().at("/overrides/toxicRate").asDouble();
        String bootstrap = kafka.resolve().orElseThrow().bootstrapServers();
        var events = KafkaRecords.read(bootstrap, "parapet.monitor.settings", "race/bot", 8, Duration.ofSeconds(30));
        assertThat(events).hasSize(8);
        assertThat(Json.read(events.get(7).value()).at("/data/toxicRate").asDouble())
                .as("the last event is the stored value")
                .isEqualTo(stored);
    }

    @Test
    void badSettingsAreRefusedWholeAndChangeNothing() {
        Reply bad = call("PUT", SETTINGS, "editor", "{\"toxicRate\":1.5,\"minSamples\":0,\"errorRate\":0.1}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("toxicRate").contains("minSamples").contains("share from 0 to 1");
        assertThat(get(SETTINGS, "viewer").json().at("/effective/errorRate").asDouble())
                .isEqualTo(0.2);
        assertThat(call("PUT", SETTINGS, "editor", "{\"toxicRate\":\"high\"}").status())
                .isEqualTo(400);
        Reply when = call("PUT", SETTINGS, "editor", "{\"referenceSince\":\"yesterday\"}");
        assertThat(when.status()).isEqualTo(400);
        assertThat(when.body()).contains("referenceSince").contains("ISO 8601");
        assertThat(call("PUT", SETTINGS, "viewer", "{\"toxicRate\":0.1}").status())
                .isEqualTo(403);
        assertThat(call("PUT", "/api/v1/monitors/no/such/prompt/settings", "editor", "{\"toxicRate\":0.1}")
                        .status())
                .isEqualTo(404);
        assertThat(get("/api/v1/monitors/model:no-such-model/settings", "viewer")
                        .status())
                .isEqualTo(404);
        assertThat(get("/api/v1/monitors/model:echo/settings", "viewer").status())
                .isEqualTo(200);
    }
}
