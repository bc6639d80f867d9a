package io.parapet.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parapet.core.Json;
import io.parapet.server.ServerTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Automatic rollback through the real path: chat traffic through the gateway, the outbox and relay, the monitors on
 * the in-JVM broker, the alert store, and the rollout driver. The canary version answers abusively; the monitors see
 * its version as its own subject, alert on it, and the label goes back to the stable version by itself.
 */
@MicronautTest(transactional = false)
class RolloutMonitorsIT extends ServerTestSupport {
    private static final long WINDOW_MS = 20_000;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.putAll(localKafka());
        properties.put("parapet.monitors.enabled", "true");
        properties.put("parapet.monitors.windows", "20s");
        properties.put("parapet.monitors.grace", "0s");
        properties.put("parapet.monitors.min-samples", "5");
        properties.put("parapet.monitors.application-id", "rollout-monitors-it-" + System.nanoTime());
        properties.put("parapet.rollouts.interval", "500ms");
        return properties;
    }

    private void version(String prompt, String userText, String labels) {
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":" + Json.write(userText + " {{q}}") + "}],"
                + "\"guardrails\":\"rollmon/none@production\",\"commitMessage\":\"c\",\"labels\":" + labels + "}";
        Reply r = post("/api/v1/prompts/" + prompt + "/versions", "publisher", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    /** One chat as {@code user}; returns the version that answered. */
    private String chat(String user) {
        String body =
                "{\"model\":\"prompt:rollmon/bot@production\",\"messages\":[],\"prompt_variables\":{\"q\":\"ok\"},"
                        + "\"user\":\"" + user + "\"}";
        Reply r = call("POST", "/v1/chat/completions", "chat", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.header("x-parapet-prompt-version");
    }

    @Test
    void a_toxic_canary_is_rolled_back_by_the_monitors_alert() throws Exception {
        // No toxicity scanner: the answers reach the monitors unscored, and the monitors score them.
        Reply policy = post(
                "/api/v1/guardrails/policies/rollmon/none/versions",
                "publisher",
                "{\"commitMessage\":\"c\",\"labels\":[\"production\"],\"policy\":{\"scanners\":[{\"type\":"
                        + "\"banned-patterns\",\"action\":\"block\",\"config\":{\"substrings\":[\"zzqqzz\"]}}]}}");
        assertThat(policy.status()).as(policy.body()).isEqualTo(201);
        version("rollmon/bot", "Thank you, the delivery arrived on time and everything works.", "[\"production\"]");
        version("rollmon/bot", "You are a worthless stupid idiot and everyone hates you, shut up.", "[]");
        Reply started = post(
                "/api/v1/rollouts",
                "publisher",
                "{\"prompt\":\"rollmon/bot\",\"canaryVersion\":2,\"steps\":[{\"percent\":10,\"minDuration\":\"1h\"}]}");
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        long id = started.json().get("id").asLong();

        // Start at the beginning of a window so that every request falls into the same one.
        Thread.sleep(WINDOW_MS - System.currentTimeMillis() % WINDOW_MS + 100);
        int canary = 0;
        int stable = 0;
        for (int i = 0; canary < 8 && i < 400; i++) {
            if (chat("caller-" + i).equals("rollmon/bot#2")) {
                canary++;
            } else {
                stable++;
            }
        }
        assertThat(canary).isEqualTo(8);
        assertThat(stable).as("about nine stable callers per canary caller").isBetween(30, 200);
        // An event after the window's end moves stream time on and closes the window.
        Thread.sleep(WINDOW_MS - System.currentTimeMillis() % WINDOW_MS + 200);
        chat("late-caller");

        JsonNode rollout = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> get("/api/v1/rollouts/" + id, "viewer").json(),
                        r -> !r.get("state").asText().equals("progressing"));
        assertThat(rollout.get("state").asText()).isEqualTo("rolled_back");
        assertThat(rollout.get("reason").asText()).contains("toxicity");
        JsonNode alert = get("/api/v1/alerts?monitor=toxicity&prompt=rollmon/bot", "viewer")
                .json()
                .at("/items/0");
        assertThat(alert.get("subject").asText())
                .as("the canary is its own subject")
                .isEqualTo("rollmon/bot#2");
        assertThat(alert.get("samples").asLong()).isEqualTo(8);
        Duration reaction = Duration.between(
                Instant.parse(alert.get("createdAt").asText()),
                Instant.parse(rollout.get("updatedAt").asText()));
        System.out.println("alert stored → label rolled back: " + reaction.toMillis() + " ms");
        for (int i = 0; i < 40; i++) {
            assertThat(chat("caller-" + i))
                    .as("everyone is back on the stable version")
                    .isEqualTo("rollmon/bot#1");
        }
    }
}
