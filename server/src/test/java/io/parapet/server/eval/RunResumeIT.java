package io.parapet.server.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.parapet.core.Json;
import io.parapet.core.test.TestDatabase;
import io.parapet.server.mock.MockUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A run whose server stops mid-way resumes in the next server on the same database, and every item is answered and
 * counted exactly once: the results table holds one row per item, the run's counters equal it, and the model was
 * asked once per item (the answers in flight at the stop were stored, not dropped and asked again).
 */
class RunResumeIT {
    private static final String KEY = "pk_test-admin-key-0000000000000000000000000";
    private static final int ITEMS = 300;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void should_resume_a_run_after_its_server_stops_and_count_every_item_once() throws Exception {
        Map<String, Object> properties = new HashMap<>(TestDatabase.create());
        properties.put("micronaut.server.port", "-1");
        properties.put("parapet.bootstrap-admin-key", KEY);
        properties.put("parapet.outbound.allowed-private-networks", "127.0.0.0/8");
        properties.put("parapet.eval.runner.poll", "50ms");
        properties.put("parapet.eval.runner.lease", "2s");
        try (MockUpstream mock = new MockUpstream(MockUpstream.Behaviour.healthy(20))) {
            long run;
            int doneAtStop;
            try (EmbeddedServer first = ApplicationContext.run(EmbeddedServer.class, properties, "postgres")) {
                String url = first.getURL().toString();
                send(
                        url,
                        "POST",
                        "/api/v1/models/resume-mock/versions",
                        "{\"provider\":\"openai\",\"modelId\":\"m\"," + "\"baseUrl\":\"" + mock.baseUrl()
                                + "\",\"commitMessage\":\"c\"}");
                send(
                        url,
                        "POST",
                        "/api/v1/guardrails/policies/resume/open/versions",
                        "{\"commitMessage\":\"c\","
                                + "\"labels\":[\"production\"],\"policy\":{\"scanners\":[{\"type\":\"banned-patterns\","
                                + "\"action\":\"warn\",\"config\":{\"substrings\":[\"zzz-never\"]}}]}}");
                send(
                        url,
                        "POST",
                        "/api/v1/prompts/resume/bot/versions",
                        "{\"messages\":[{\"role\":\"user\","
                                + "\"content\":\"{{q}}\"}],\"model\":{\"name\":\"resume-mock\"},"
                                + "\"guardrails\":\"resume/open@production\",\"commitMessage\":\"c\"}");
                StringBuilder items = new StringBuilder();
                for (int i = 0; i < ITEMS; i++) {
                    items.append("{\"id\":\"i")
                            .append(i)
                            .append("\",\"q\":\"question ")
                            .append(i)
                            .append("\"}\n");
                }
                send(url, "POST", "/api/v1/datasets/resume/set/import", items.toString());
                run = send(
                                url,
                                "POST",
                                "/api/v1/eval/runs",
                                "{\"prompt\":\"resume/bot#1\",\"dataset\":\"resume/set\","
                                        + "\"concurrency\":4,\"evaluators\":[{\"name\":\"contains\",\"config\":{\"values\":"
                                        + "[\"question\"]}}]}")
                        .get("id")
                        .asLong();
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> send(url, "GET", "/api/v1/eval/runs/" + run, null)
                                        .at("/progress/done")
                                        .asInt()
                                >= 40);
            }
            try (Connection c = connect(properties)) {
                doneAtStop = count(c, "SELECT done FROM eval_run WHERE id = " + run);
                assertThat(doneAtStop).as("stopped mid-way").isBetween(40, ITEMS - 1);
                assertThat(count(c, "SELECT COUNT(*) FROM eval_run WHERE lease_owner IS NULL AND id = " + run))
                        .as("a graceful stop hands the lease back")
                        .isEqualTo(1);
            }

            try (EmbeddedServer second = ApplicationContext.run(EmbeddedServer.class, properties, "postgres")) {
                String url = second.getURL().toString();
                await().atMost(Duration.ofSeconds(60)).until(() -> send(url, "GET", "/api/v1/eval/runs/" + run, null)
                        .get("status")
                        .asText()
                        .equals("completed"));
                JsonNode finished = send(url, "GET", "/api/v1/eval/runs/" + run, null);
                assertThat(finished.at("/progress/done").asInt()).isEqualTo(ITEMS);
                assertThat(finished.at("/progress/passed").asInt()).isEqualTo(ITEMS);
                assertThat(finished.at("/aggregates/answers").asInt()).isEqualTo(ITEMS);
            }
            try (Connection c = connect(properties)) {
                assertThat(count(c, "SELECT COUNT(*) FROM eval_result WHERE run_id = " + run))
                        .isEqualTo(ITEMS);
                assertThat(count(c, "SELECT COUNT(DISTINCT item_id) FROM eval_result WHERE run_id = " + run))
                        .isEqualTo(ITEMS);
            }
            assertThat(mock.requests())
                    .as("each item was asked of the model once")
                    .isEqualTo(ITEMS);
        }
    }

    private JsonNode send(String url, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
                .header("Authorization", "Bearer " + KEY)
                .header("Content-Type", path.endsWith("/import") ? "text/plain" : "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode())
                    .as(method + " " + path + ": " + response.body())
                    .isLessThan(300);
            return Json.read(response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect(Map<String, Object> properties) throws Exception {
        return DriverManager.getConnection(
                (String) properties.get("datasources.default.url"),
                (String) properties.get("datasources.default.username"),
                (String) properties.get("datasources.default.password"));
    }

    private static int count(Connection c, String sql) throws Exception {
        try (var s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }
}
