package io.parapet.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parapet.core.test.TestDatabase;
import io.parapet.registry.PromptCache;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The gateway's prompt cache across instances (a label move on one reaches the other by LISTEN/NOTIFY) and through
 * a database outage (last known versions are served, /health says DEGRADED, and no completion event is lost).
 */
@MicronautTest(transactional = false)
class GatewayCacheIT extends ServerTestSupport {
    private static final String CHAT = "/v1/chat/completions";
    private static final Duration KEY_CACHE_TTL = Duration.ofSeconds(1);
    private Map<String, String> properties;

    @Inject
    PromptCache cache;

    @Override
    public Map<String, String> getProperties() {
        if (properties == null) {
            properties = new HashMap<>(super.getProperties());
            // During the outage each read gives up quickly instead of waiting 5 s for a connection.
            properties.put("datasources.default.connection-timeout", "500");
            // Room for two of the ~80 KB events of the buffer test, and far more of the others' small ones.
            properties.put("parapet.events.outage-buffer", "200KB");
            properties.put("parapet.events.max-text-chars", "50000");
            // Keys' cached answers expire within an outage, so the tests see them served as last known.
            properties.put("parapet.security.key-cache-ttl", KEY_CACHE_TTL.toMillis() + "ms");
        }
        return properties;
    }

    private String version(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.header("x-parapet-prompt-version");
    }

    @Test
    void should_reach_another_instance_when_a_label_moves() throws Exception {
        post(
                "/api/v1/prompts/cache/moved/versions",
                "publisher",
                "{\"template\":\"One.\",\"commitMessage\":\"c\",\"labels\":[\"production\"]}");
        post("/api/v1/prompts/cache/moved/versions", "editor", "{\"template\":\"Two.\",\"commitMessage\":\"c\"}");
        String ask = "{\"model\":\"prompt:cache/moved@production\",\"messages\":[]}";
        Map<String, Object> second = new HashMap<>(properties);
        second.put("micronaut.server.port", -1);
        try (EmbeddedServer other = ApplicationContext.run(EmbeddedServer.class, second, "test")) {
            assertThat(version(on(other, ask))).isEqualTo("cache/moved#1");
            assertThat(version(on(other, ask))).as("now cached there").isEqualTo("cache/moved#1");

            Reply moved = call(
                    "PUT",
                    "/api/v1/prompts/cache/moved/labels/production",
                    "publisher",
                    "{\"version\":2}",
                    "If-Match",
                    "1");
            assertThat(moved.status()).as(moved.body()).isEqualTo(200);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> version(on(other, ask)).equals("cache/moved#2"));
        }
    }

    @Test
    void should_serve_last_known_versions_through_a_database_outage_and_keep_the_events() throws Exception {
        post(
                "/api/v1/prompts/cache/outage/versions",
                "publisher",
                "{\"template\":\"Steady.\",\"commitMessage\":\"c\",\"labels\":[\"production\"]}");
        String ask =
                "{\"model\":\"prompt:cache/outage@production\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        assertThat(version(post(CHAT, "chat", ask))).isEqualTo("cache/outage#1");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> completionEvents() == 1);
        long before = completionEvents();
        String database = properties.get("datasources.default.url");
        cache.invalidateAll(); // a change just happened elsewhere, so nothing is fresh
        TestDatabase.cutOff(database, true);
        try {
            assertThat(version(post(CHAT, "chat", ask))).isEqualTo("cache/outage#1");
            Reply health = get("/health", "chat"); // a key the server still has in memory
            assertThat(health.body()).contains("DEGRADED");
            Thread.sleep(KEY_CACHE_TTL.toMillis() + 200);
            assertThat(version(post(CHAT, "chat", ask)))
                    .as("a key known before the outage keeps working after its cached answer expires")
                    .isEqualTo("cache/outage#1");
            Reply stranger = call("POST", CHAT, "pk_" + "z".repeat(40), ask);
            assertThat(stranger.status())
                    .as("a key never seen cannot be checked, so it is not let in")
                    .isEqualTo(503);
        } finally {
            TestDatabase.cutOff(database, false);
        }
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> completionEvents() == before + 2);
        // The cache asks the database again at most once a second after a failure (PromptCache.OUTAGE_RETRY), so a
        // request within that second after the outage may still be served the last known version; the events above
        // can drain faster than that. Within a few seconds a request must find the database and be fresh.
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    assertThat(version(post(CHAT, "chat", ask))).isEqualTo("cache/outage#1");
                    assertThat(cache.staleSince())
                            .as("fresh again once the database answers")
                            .isNull();
                });
    }

    @Test
    void should_bound_the_events_waiting_out_an_outage_by_bytes_and_drop_the_oldest() throws Exception {
        post(
                "/api/v1/prompts/cache/buffer/versions",
                "publisher",
                "{\"template\":\"Echo.\",\"commitMessage\":\"c\",\"labels\":[\"production\"]}");
        String warm = "{\"model\":\"prompt:cache/buffer@production\",\"messages\":[]}";
        assertThat(version(post(CHAT, "chat", warm))).isEqualTo("cache/buffer#1");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> completionEvents("cache/buffer") == 1);
        String database = properties.get("datasources.default.url");
        TestDatabase.cutOff(database, true);
        try {
            for (int i = 0; i < 6; i++) {
                // 20 KB in, echoed out: about 80 KB of event each against a 200 KB budget.
                String ask = "{\"model\":\"prompt:cache/buffer@production\",\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"m" + i + " " + "x".repeat(20_000) + "\"}]}";
                assertThat(version(post(CHAT, "chat", ask))).isEqualTo("cache/buffer#1");
            }
        } finally {
            TestDatabase.cutOff(database, false);
        }
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> completionEvents("cache/buffer") == 3);
        // And it stays so over more writer rounds: nothing else was kept to arrive late.
        Awaitility.await()
                .during(Duration.ofMillis(1_500))
                .atMost(Duration.ofSeconds(3))
                .until(() -> completionEvents("cache/buffer") == 3);
        assertThat(completionEvents("cache/buffer", "%m5 x%"))
                .as("the newest is kept")
                .isEqualTo(1);
    }

    private long completionEvents() throws Exception {
        return completionEvents("cache/outage");
    }

    private long completionEvents(String key) throws Exception {
        return completionEvents(key, "%");
    }

    private long completionEvents(String key, String payloadLike) throws Exception {
        try (Connection c = DriverManager.getConnection(
                        properties.get("datasources.default.url"),
                        properties.get("datasources.default.username"),
                        properties.get("datasources.default.password"));
                var s = c.prepareStatement("SELECT count(*) FROM outbox_event WHERE event_key = ?"
                        + " AND topic = 'parapet.chat.completions' AND payload LIKE ?")) {
            s.setString(1, key);
            s.setString(2, payloadLike);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Reply on(EmbeddedServer other, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(other.getURL() + CHAT))
                                .header("Authorization", "Bearer " + KEYS.get("chat"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body(), response);
    }
}
