package io.parapet.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import io.parapet.core.Actor;
import io.parapet.core.Json;
import io.parapet.core.Role;
import io.parapet.core.test.TestDatabase;
import io.parapet.server.security.ApiKeyService;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A running server on PostgreSQL (a fresh database per class) and one API key per role. Requests go through the
 * JDK HTTP client so that every status, header and raw body can be checked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServerTestSupport implements TestPropertyProvider {
    public static final String ADMIN_KEY = "pk_test-admin-key-0000000000000000000000000";
    protected static final Map<String, String> KEYS = Map.of(
            "viewer", "pk_test-viewer-0000000000000000000000000000",
            "editor", "pk_test-editor-0000000000000000000000000000",
            "publisher", "pk_test-publisher-00000000000000000000000000",
            "admin", ADMIN_KEY,
            "chat", "pk_test-chat-000000000000000000000000000000");

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    protected EmbeddedServer server;

    @Inject
    protected ApiKeyService keys;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.create());
        properties.put("micronaut.server.port", "-1");
        properties.put("parapet.bootstrap-admin-key", ADMIN_KEY);
        // The mock upstreams and webhook receivers listen on this machine.
        properties.put("parapet.outbound.allowed-private-networks", "127.0.0.0/8");
        return properties;
    }

    /**
     * A real Kafka broker in this JVM (local mode's), on a free port, and a relay that polls often. The monitors are
     * off: a test that needs them turns them on.
     */
    protected static Map<String, String> localKafka() {
        try {
            return Map.of(
                    "parapet.monitors.enabled", "false",
                    "parapet.kafka.local-dir",
                            java.nio.file.Files.createTempDirectory("parapet-kafka")
                                    .toString(),
                    "parapet.kafka.local-broker", "true",
                    "parapet.kafka.local-port", "0",
                    "parapet.kafka.partitions", "2",
                    "parapet.streaming.relay.poll-interval", "20ms");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @BeforeAll
    void issueKeys() {
        KEYS.forEach((role, key) -> {
            if (!keys.exists(key)) {
                keys.issue(role + "-key", EnumSet.of(Role.parse(role)), key, Actor.SYSTEM);
            }
        });
    }

    /** A response with its body parsed as JSON when it is JSON. */
    public record Reply(int status, String body, HttpResponse<String> raw) {
        public JsonNode json() {
            return Json.read(body);
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    protected Reply call(String method, String path, String role, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (role != null) {
            request.header("Authorization", "Bearer " + KEYS.getOrDefault(role, role));
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected Reply get(String path, String role) {
        return call("GET", path, role, null);
    }

    protected Reply post(String path, String role, String body) {
        return call("POST", path, role, body);
    }

    /**
     * A release of one chat prompt, {@code prompt@production}, that asks the model what the user asked ({@code
     * {{q}}}) and answers through {@code echo}: what the deployment tests run. Returns the release's number.
     */
    protected long releaseOfEchoPrompt(String prompt) {
        Reply v = post(
                "/api/v1/prompts/" + prompt + "/versions",
                "publisher",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"{{q}}\"}],\"commitMessage\":\"c\","
                        + "\"labels\":[\"production\"]}");
        org.assertj.core.api.Assertions.assertThat(v.status()).as(v.body()).isIn(200, 201);
        Reply made = post("/api/v1/releases", "publisher", "{\"prompts\":[\"" + prompt + "@production\"]}");
        org.assertj.core.api.Assertions.assertThat(made.status())
                .as(made.body())
                .isIn(200, 201);
        return made.json().get("id").asLong();
    }

    protected long auditTotal() {
        return get("/api/v1/audit?size=1", "admin").json().get("total").asLong();
    }

    protected static String textVersion(String template) {
        return "{\"type\":\"text\",\"template\":" + Json.write(template) + ",\"commitMessage\":\"test\"}";
    }

    /** A request to {@code server}, one the test started itself, with {@code key} as the bearer when given. */
    public static HttpResponse<String> send(EmbeddedServer server, String method, String path, String key, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
