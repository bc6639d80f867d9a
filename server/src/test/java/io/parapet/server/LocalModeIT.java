package io.parapet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.server.EmbeddedServer;
import io.parapet.registry.ModelService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The smoke suite for local mode: H2 under a home folder, generated keys, data kept across restarts. */
class LocalModeIT {

    @TempDir
    Path home;

    @Test
    void should_run_on_h2_and_keep_everything_across_a_restart() throws Exception {
        Map<String, Object> properties =
                Map.of("parapet.home", home.toString(), "micronaut.server.port", -1, "parapet.kafka.local-port", 0);
        String key;
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties, "local")) {
            key = Files.readString(home.resolve("admin-key")).trim();
            assertThat(key).startsWith("pk_");
            assertThat(Files.exists(home.resolve("master-key"))).isTrue();
            assertThat(ServerTestSupport.send(server, "GET", "/health", null, null)
                            .body())
                    .contains("UP");

            var created = ServerTestSupport.send(
                    server,
                    "POST",
                    "/api/v1/prompts/local/hello/versions",
                    key,
                    "{\"template\":\"Hello {{name}}\",\"commitMessage\":\"first\",\"labels\":[\"production\"]}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            var model = ServerTestSupport.send(
                    server,
                    "POST",
                    "/api/v1/models/local-gpt/versions",
                    key,
                    "{\"provider\":\"openai\",\"modelId\":\"gpt-4o-mini\",\"credential\":\"sk-local\"}");
            assertThat(model.statusCode()).isEqualTo(201);

            DataSource raw = DelegatingDataSource.unwrapDataSource(
                    server.getApplicationContext().getBean(DataSource.class));
            try (Connection c = raw.getConnection()) {
                assertThatThrownBy(() -> c.createStatement().executeUpdate("UPDATE prompt_version SET author = 'x'"))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("immutable");
            }
            // The relay publishes on H2 too, to the broker local mode runs in the same JVM.
            assertThat(Files.exists(home.resolve("kafka/meta.properties"))).isTrue();
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> {
                        try (Connection c = raw.getConnection();
                                var rs = c.createStatement()
                                        .executeQuery("SELECT count(*) FROM outbox_event WHERE published_at IS NULL")) {
                            rs.next();
                            return rs.getLong(1) == 0;
                        }
                    });
        }
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties, "local")) {
            assertThat(Files.readString(home.resolve("admin-key")).trim()).isEqualTo(key);
            var rendered = ServerTestSupport.send(
                    server, "POST", "/api/v1/prompts/local/hello/render", key, "{\"variables\":{\"name\":\"Ann\"}}");
            assertThat(rendered.body()).contains("Hello Ann");
            assertThat(server.getApplicationContext()
                            .getBean(ModelService.class)
                            .credential("local-gpt", 1))
                    .isEqualTo("sk-local");
            assertThat(ServerTestSupport.send(server, "GET", "/api/v1/models/echo", key, null)
                            .body())
                    .contains("\"development\":true");

            // Datasets and runs on H2: the import, the runner's lease and result writes, aggregates, a comparison.
            var imported = ServerTestSupport.send(
                    server,
                    "POST",
                    "/api/v1/datasets/local/names/import",
                    key,
                    "{\"name\":\"Ann\"}\n{\"name\":\"Bo\"}\n{\"name\":\"Cy\"}\n");
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
            String spec = "{\"prompt\":\"local/hello#1\",\"dataset\":\"local/names\","
                    + "\"evaluators\":[{\"name\":\"length\",\"config\":{\"max\":1000}}]}";
            long[] runs = new long[2];
            for (int i = 0; i < 2; i++) {
                var run = ServerTestSupport.send(server, "POST", "/api/v1/eval/runs", key, spec);
                assertThat(run.statusCode()).as(run.body()).isEqualTo(202);
                long id = io.parapet.core.Json.read(run.body()).get("id").asLong();
                runs[i] = id;
                org.awaitility.Awaitility.await()
                        .atMost(java.time.Duration.ofSeconds(30))
                        .until(() -> ServerTestSupport.send(server, "GET", "/api/v1/eval/runs/" + id, key, null)
                                .body()
                                .contains("\"status\":\"completed\""));
            }
            var compared = ServerTestSupport.send(
                    server, "GET", "/api/v1/eval/compare?baseline=" + runs[0] + "&candidate=" + runs[1], key, null);
            assertThat(compared.body()).as(compared.body()).contains("\"verdict\":\"no significant change\"");

            // Releases and dataset bundles on H2: their insert-once statements and transactions.
            String release = "{\"prompts\":[\"local/hello#1\"]}";
            var made = ServerTestSupport.send(server, "POST", "/api/v1/releases", key, release);
            assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
            assertThat(ServerTestSupport.send(server, "POST", "/api/v1/releases", key, release)
                            .statusCode())
                    .isEqualTo(200);
            String bundle = ServerTestSupport.send(server, "GET", "/api/v1/datasets/local/names/bundle", key, null)
                    .body();
            var applied = ServerTestSupport.send(server, "POST", "/api/v1/datasets/local/copy/bundle", key, bundle);
            assertThat(applied.body()).as(applied.body()).contains("dataset.version.create");
        }
    }
}
