package io.parapet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A database outage is a quick, clear 503; nothing committed is lost; the server recovers by itself. */
@MicronautTest(environments = "postgres", transactional = false)
class DatabaseOutageIT extends ServerTestSupport {
    private TcpForwarder forwarder;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        try {
            forwarder = new TcpForwarder(5432);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String url = properties.get("datasources.default.url");
        properties.put(
                "datasources.default.url", url.replaceFirst("//[^/]+/", "//127.0.0.1:" + forwarder.port() + "/"));
        properties.put("datasources.default.connection-timeout", "1000");
        return properties;
    }

    @AfterAll
    void stopForwarder() throws IOException {
        forwarder.close();
    }

    @Test
    void should_answer_503_during_an_outage_and_lose_nothing() throws IOException {
        assertThat(post("/api/v1/prompts/outage/p/versions", "editor", textVersion("before"))
                        .status())
                .isEqualTo(201);

        forwarder.cut();
        Reply during = post("/api/v1/prompts/outage/p/versions", "editor", textVersion("during"));
        assertThat(during.status()).as(during.body()).isEqualTo(503);
        assertThat(during.header("Content-Type")).startsWith("application/problem+json");
        assertThat(during.header("Retry-After")).isNotBlank();
        assertThat(during.json().get("detail").asText()).contains("database");
        assertThat(get("/api/v1/prompts/outage/p", "viewer").status()).isEqualTo(503);
        assertThat(get("/health/readiness", null).status()).isEqualTo(503);

        forwarder.start();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> get("/api/v1/prompts/outage/p", "viewer").status() == 200);
        Reply after = get("/api/v1/prompts/outage/p", "viewer");
        assertThat(after.json().get("latestVersion").asInt())
                .as("the failed write left nothing behind")
                .isEqualTo(1);
        assertThat(get("/api/v1/prompts/outage/p/versions/1", "viewer")
                        .json()
                        .get("template")
                        .asText())
                .isEqualTo("before");
        Reply retried = post("/api/v1/prompts/outage/p/versions", "editor", textVersion("during"));
        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.json().get("version").asInt()).isEqualTo(2);
    }
}
