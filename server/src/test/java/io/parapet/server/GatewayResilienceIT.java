package io.parapet.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parapet.server.mock.MockUpstream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Retries, timeouts, fallbacks and circuit breakers between the gateway and misbehaving upstreams. */
@MicronautTest(transactional = false)
class GatewayResilienceIT extends ServerTestSupport {
    private static final String CHAT = "/v1/chat/completions";

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("parapet.gateway.retries", "2");
        properties.put("parapet.gateway.retry-backoff", "10ms");
        properties.put("parapet.gateway.first-token-timeout", "700ms");
        properties.put("parapet.gateway.breaker-window", "4");
        properties.put("parapet.gateway.breaker-open-for", "60s");
        properties.put("parapet.gateway.total-timeout", "1s");
        return properties;
    }

    private void model(String name, MockUpstream mock) {
        String body = "{\"provider\":\"openai\",\"modelId\":\"m\",\"baseUrl\":\"" + mock.baseUrl()
                + "\",\"commitMessage\":\"c\"}";
        assertThat(post("/api/v1/models/" + name + "/versions", "admin", body).status())
                .isEqualTo(201);
    }

    private Reply ask(String model, boolean stream) {
        return post(
                CHAT,
                "chat",
                "{\"model\":\"" + model + "\",\"stream\":" + stream
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"Hello there.\"}]}");
    }

    @Test
    void should_retry_upstream_faults_but_not_client_errors() throws Exception {
        try (MockUpstream mock = new MockUpstream(MockUpstream.Behaviour.healthy(0))) {
            model("res-retry", mock);
            mock.failNext(2, 503);
            Reply ok = ask("res-retry", false);
            assertThat(ok.status()).as(ok.body()).isEqualTo(200);
            assertThat(mock.requests()).as("two failures, then the answer").isEqualTo(3);

            // Each model has its own breaker (a window of 4 calls here): the next cases use fresh ones.
            model("res-retry-stream", mock);
            mock.failNext(1, 429);
            assertThat(ask("res-retry-stream", true).body()).contains("[DONE]");
            assertThat(mock.requests()).isEqualTo(5);

            model("res-refused", mock);
            mock.failNext(1, 401);
            Reply refused = ask("res-refused", false);
            assertThat(refused.status()).isEqualTo(502);
            assertThat(mock.requests()).as("a refused key is not retried").isEqualTo(6);
        }
    }

    @Test
    void should_fall_back_to_the_next_model_of_the_prompt_when_one_stays_down() throws Exception {
        try (MockUpstream down = new MockUpstream(MockUpstream.Behaviour.healthy(0));
                MockUpstream up = new MockUpstream(MockUpstream.Behaviour.healthy(0))) {
            model("res-primary", down);
            model("res-backup", up);
            assertThat(post(
                                    "/api/v1/prompts/res/fallback/versions",
                                    "publisher",
                                    "{\"template\":\"Be brief.\",\"commitMessage\":\"c\",\"labels\":[\"production\"],"
                                            + "\"model\":{\"name\":\"res-primary\",\"fallbacks\":[\"res-backup\"]}}")
                            .status())
                    .isEqualTo(201);
            down.failNext(100, 500);
            Reply reply = ask("prompt:res/fallback@production", false);
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(reply.header("x-parapet-model-version")).isEqualTo("res-backup#1");
            assertThat(down.requests())
                    .as("the primary was tried with its retries first")
                    .isEqualTo(3);

            Reply streamed = ask("prompt:res/fallback@production", true);
            assertThat(streamed.body()).contains("Hello there.").contains("[DONE]");
            assertThat(up.requests()).isEqualTo(2);

            assertThat(post(
                                    "/api/v1/prompts/res/fallback/versions",
                                    "editor",
                                    "{\"template\":\"x\",\"commitMessage\":\"c\",\"model\":{\"name\":\"res-primary\","
                                            + "\"fallbacks\":[\"no-such-model\"]}}")
                            .json()
                            .toString())
                    .as("an unknown fallback is refused when the version is created")
                    .contains("fallbacks[0]");
        }
    }

    @Test
    void should_time_out_a_stream_that_does_not_start_and_open_the_breaker_after_repeated_failures() throws Exception {
        try (MockUpstream slow = new MockUpstream(MockUpstream.Behaviour.healthy(3_000))) {
            model("res-slow", slow);
            Reply timedOut = ask("res-slow", true);
            assertThat(timedOut.body()).contains("upstream_timeout").doesNotContain("[DONE]");
            assertThat(slow.requests())
                    .as("each attempt waited for its first token")
                    .isEqualTo(3);
            model("res-slow-whole", slow);
            Reply whole = ask("res-slow-whole", false);
            assertThat(whole.status())
                    .as("the total timeout, after the retries")
                    .isEqualTo(504);
            assertThat(whole.json().at("/error/code").asText()).isEqualTo("upstream_timeout");
        }
        try (MockUpstream broken = new MockUpstream(MockUpstream.Behaviour.healthy(0))) {
            model("res-broken", broken);
            broken.failNext(1_000, 500);
            ask("res-broken", false); // 3 failed calls
            ask("res-broken", false); // the 4th fills the window and opens the breaker
            long before = broken.requests();
            Reply open = ask("res-broken", false);
            assertThat(open.status()).isEqualTo(502);
            assertThat(open.json().at("/error/message").asText()).contains("circuit breaker is open");
            assertThat(broken.requests())
                    .as("an open breaker spares the upstream")
                    .isEqualTo(before);
        }
    }
}
