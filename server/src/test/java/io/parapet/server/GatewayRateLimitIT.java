package io.parapet.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parapet.core.Actor;
import io.parapet.core.Role;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Per-key request and token budgets: 429 with Retry-After in OpenAI's shape, and one key never spends another's. */
@MicronautTest(transactional = false)
class GatewayRateLimitIT extends ServerTestSupport {
    private static final String CHAT = "/v1/chat/completions";

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("parapet.gateway.requests-per-minute", "3");
        properties.put("parapet.gateway.tokens-per-minute", "40");
        return properties;
    }

    private String chatKey(String name) {
        String key = "pk_test-" + name + "-" + "0".repeat(30);
        keys.issue(name, EnumSet.of(Role.CHAT), key, Actor.SYSTEM);
        return key;
    }

    private Reply ask(String key, String text) {
        return post(CHAT, key, "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}");
    }

    @Test
    void should_refuse_the_request_over_the_per_minute_budget_with_retry_after() {
        String key = chatKey("rpm-app");
        for (int i = 0; i < 3; i++) {
            assertThat(ask(key, "hi").status()).isEqualTo(200);
        }
        Reply refused = ask(key, "hi");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(refused.json().at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(refused.json().at("/error/message").asText()).contains("3 requests per minute");

        assertThat(ask(chatKey("other-app"), "hi").status())
                .as("another key has its own budget")
                .isEqualTo(200);
    }

    @Test
    void should_admit_exactly_the_budget_when_requests_arrive_at_once() throws Exception {
        String key = chatKey("burst-app");
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            java.util.concurrent.Callable<Integer> one = () -> ask(key, "hi").status();
            var replies = pool.invokeAll(java.util.Collections.nCopies(8, one));
            java.util.List<Integer> statuses = new java.util.ArrayList<>();
            for (var f : replies) {
                statuses.add(f.get());
            }
            assertThat(statuses).filteredOn(st -> st == 200).hasSize(3);
            assertThat(statuses).filteredOn(st -> st == 429).hasSize(5);
        }
    }

    @Test
    void should_refuse_once_the_token_budget_is_spent() {
        String key = chatKey("tpm-app");
        String longText = "word ".repeat(25).trim();
        assertThat(ask(key, longText).status())
                .as("the budget is checked before, charged after")
                .isEqualTo(200);
        Reply refused = ask(key, "hi");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().at("/error/message").asText()).contains("40 tokens per minute");
    }

    @Test
    void should_apply_a_key_s_own_limits_and_default_policy() {
        Reply created = post(
                "/api/v1/api-keys",
                "admin",
                "{\"name\":\"own-app\",\"roles\":[\"chat\"],\"gateway\":{\"requestsPerMinute\":1,"
                        + "\"tokensPerMinute\":0,\"defaultPolicy\":\"none\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().at("/gateway/requestsPerMinute").asInt()).isEqualTo(1);
        String key = created.json().get("key").asText();

        Reply first = ask(key, "mail ann@example.com");
        assertThat(first.json().at("/choices/0/message/content").asText())
                .as("this key's default policy is none")
                .isEqualTo("mail ann@example.com");
        Reply second = ask(key, "hi");
        assertThat(second.status()).isEqualTo(429);
        assertThat(second.json().at("/error/message").asText()).contains("1 requests per minute");

        long keysBefore = get("/api/v1/api-keys", "admin").json().get("total").asLong();
        for (String bad : java.util.List.of(
                "{\"requestsPerMinute\":-1}", "{\"tokensPerMinute\":-5}", "{\"defaultPolicy\":\"nope@production\"}")) {
            Reply refused = post(
                    "/api/v1/api-keys", "admin", "{\"name\":\"bad\",\"roles\":[\"chat\"],\"gateway\":" + bad + "}");
            assertThat(refused.status()).as(bad).isBetween(400, 404);
        }
        assertThat(get("/api/v1/api-keys", "admin").json().get("total").asLong())
                .as("refused keys are not created")
                .isEqualTo(keysBefore);
    }
}
