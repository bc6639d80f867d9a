package io.parapet.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parapet.core.ContentHash;
import io.parapet.server.ServerTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Edge-gateway mode: a release bundle taken from the platform's API serves, in a process with no database, exactly
 * the versions it pins (numbers kept: version 2 is still version 2), under its attached policy, to the chat keys a
 * mounted folder gives as hashes; nothing else answers; events go nowhere without Kafka; bad bundles and key files
 * stop the start with a reason.
 */
@MicronautTest(environments = "postgres", transactional = false)
class EdgeGatewayIT extends ServerTestSupport {
    private static final String EDGE_KEY = "pk_edge-chat-key-000000000000000000000000";

    @TempDir
    Path folder;

    private String bundle;

    @BeforeAll
    void release() {
        Reply policy = post(
                "/api/v1/guardrails/policies/edge/policy/versions",
                "publisher",
                "{\"commitMessage\":\"c\",\"labels\":[\"production\"],\"policy\":{\"scanners\":[{\"type\":"
                        + "\"banned-patterns\",\"action\":\"block\",\"config\":{\"substrings\":[\"zzz\"]}}]}}");
        assertThat(policy.status()).as(policy.body()).isEqualTo(201);
        for (String v : new String[] {"one", "two", "three"}) {
            Reply r = post(
                    "/api/v1/prompts/edge/bot/versions",
                    "publisher",
                    "{\"messages\":[{\"role\":\"system\",\"content\":\"Bot " + v + "\"},{\"role\":\"user\","
                            + "\"content\":\"{{q}}\"}],\"guardrails\":\"edge/policy@production\",\"commitMessage\":\""
                            + v + "\"" + (v.equals("two") ? ",\"labels\":[\"production\"]" : "") + "}");
            assertThat(r.status()).as(r.body()).isEqualTo(201);
        }
        assertThat(post("/api/v1/prompts/edge/other/versions", "editor", textVersion("not released"))
                        .status())
                .isEqualTo(201);
        Reply made = post("/api/v1/releases", "publisher", "{\"prompts\":[\"edge/bot@production\"]}");
        assertThat(made.status()).as(made.body()).isIn(200, 201);
        Reply fetched = get("/api/v1/releases/" + made.json().get("id").asText() + "/bundle", "viewer");
        assertThat(fetched.status()).as(fetched.body()).isEqualTo(200);
        bundle = fetched.body();
    }

    @Test
    void the_bundle_is_for_readers_of_the_registry_and_an_unknown_release_is_404() {
        assertThat(get("/api/v1/releases/999999/bundle", "viewer").status()).isEqualTo(404);
        assertThat(get("/api/v1/releases/999999/bundle", "chat").status()).isEqualTo(403);
        assertThat(get("/api/v1/releases/nope/bundle", "viewer").status()).isEqualTo(400);
    }

    @Test
    void an_edge_gateway_serves_the_pinned_versions_under_their_policy_to_the_mounted_keys_only() throws Exception {
        try (EmbeddedServer edge = ApplicationContext.run(EmbeddedServer.class, edgeProperties(bundle), "edge")) {
            assertThat(ServerTestSupport.send(edge, "GET", "/health", null, null)
                            .body())
                    .contains("UP");

            var chat = ServerTestSupport.send(
                    edge, "POST", "/v1/chat/completions", EDGE_KEY, chat("edge/bot@production", "hello"));
            assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
            assertThat(chat.headers().firstValue("x-parapet-prompt-version"))
                    .as("the version number of the registry it came from")
                    .hasValue("edge/bot#2");
            assertThat(chat.body()).as("the echo model answers").contains("\"content\":\"hello\"");
            assertThat(ServerTestSupport.send(edge, "POST", "/v1/chat/completions", EDGE_KEY, chat("edge/bot#2", "zzz"))
                            .statusCode())
                    .as("the attached policy, resolved by its label, blocks")
                    .isEqualTo(400);

            assertThat(ServerTestSupport.send(edge, "POST", "/v1/chat/completions", EDGE_KEY, chat("edge/bot#3", "hi"))
                            .statusCode())
                    .as("a version the release does not pin")
                    .isEqualTo(404);
            assertThat(ServerTestSupport.send(
                                    edge, "POST", "/v1/chat/completions", EDGE_KEY, chat("edge/other@latest", "hi"))
                            .statusCode())
                    .isEqualTo(404);
            assertThat(ServerTestSupport.send(
                                    edge, "POST", "/v1/chat/completions", KEYS.get("chat"), chat("edge/bot#2", "hi"))
                            .statusCode())
                    .as("the platform's keys are not the edge's")
                    .isEqualTo(401);
            assertThat(ServerTestSupport.send(edge, "GET", "/api/v1/prompts", EDGE_KEY, null)
                            .statusCode())
                    .as("a chat key reads no registry")
                    .isEqualTo(403);
            assertThat(ServerTestSupport.send(edge, "GET", "/api/v1/prompts", ADMIN_KEY, null)
                            .statusCode())
                    .as("no admin key exists at the edge")
                    .isEqualTo(401);

            DataSource raw = DelegatingDataSource.unwrapDataSource(
                    edge.getApplicationContext().getBean(DataSource.class));
            try (Connection c = raw.getConnection();
                    var rs = c.createStatement().executeQuery("SELECT count(*) FROM outbox_event")) {
                rs.next();
                assertThat(rs.getLong(1))
                        .as("no Kafka: events are dropped, not piled up")
                        .isZero();
            }
        }
    }

    @Test
    void a_plain_release_or_a_key_file_holding_a_key_stops_the_start_with_a_reason() throws Exception {
        String plainRelease = io.parapet.core.Json.read(bundle).get("release").toString();
        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, edgeProperties(plainRelease), "edge")
                        .close())
                .hasStackTraceContaining("not a release bundle");

        Map<String, Object> properties = edgeProperties(bundle);
        Files.writeString(
                Path.of((String) properties.get("parapet.chat-keys-dir")).resolve("leaked"), EDGE_KEY);
        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, properties, "edge")
                        .close())
                .hasStackTraceContaining("chat key file leaked must hold the key's SHA-256")
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(EDGE_KEY));
    }

    @Test
    void more_than_a_thousand_chat_keys_or_an_oversized_key_file_stop_the_start() throws Exception {
        Map<String, Object> many = edgeProperties(bundle);
        Path keys = Path.of((String) many.get("parapet.chat-keys-dir"));
        for (int i = 0; i < 1000; i++) {
            Files.writeString(keys.resolve("k" + i), ContentHash.sha256(EDGE_KEY + i));
        }
        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, many, "edge")
                        .close())
                .hasStackTraceContaining("at most 1000 keys");

        Map<String, Object> big = edgeProperties(bundle);
        Files.writeString(Path.of((String) big.get("parapet.chat-keys-dir")).resolve("big"), "a".repeat(201));
        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, big, "edge")
                        .close())
                .hasStackTraceContaining("chat key file big");
    }

    private Map<String, Object> edgeProperties(String releaseJson) throws Exception {
        Path dir = Files.createTempDirectory(folder, "edge");
        Files.writeString(dir.resolve("release.json"), releaseJson);
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Files.writeString(keys.resolve("mobile-app"), ContentHash.sha256(EDGE_KEY) + "\n");
        Files.createDirectories(keys.resolve("..data"));
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("parapet.home", dir.resolve("home").toString());
        properties.put("parapet.release-file", dir.resolve("release.json").toString());
        properties.put("parapet.chat-keys-dir", keys.toString());
        return properties;
    }

    private static String chat(String prompt, String q) {
        return "{\"model\":\"prompt:" + prompt + "\",\"prompt_variables\":{\"q\":\"" + q
                + "\"},\"messages\":[{\"role\":\"user\",\"content\":\"" + q + "\"}]}";
    }

    private static String stackTrace(Throwable e) {
        var out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
