package io.parapet.server.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parapet.core.Json;
import io.parapet.server.ServerTestSupport;
import io.parapet.streaming.KafkaEndpoint;
import io.parapet.streaming.monitor.MonitorTopics;
import io.parapet.streaming.test.KafkaRecords;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Online rules on live traffic through the in-JVM broker: a deterministic evaluator judges every sampled completion
 * in the monitors' stream, an llm-judge rule grades beside it within its rate budget and publishes each verdict as a
 * {@code parapet.eval.judgement.v1} event, a judge's own answers are never judged, and bad rules change nothing.
 */
@MicronautTest(transactional = false)
class OnlineRulesIT extends ServerTestSupport {
    @Inject
    KafkaEndpoint kafka;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.putAll(localKafka());
        properties.put("parapet.monitors.enabled", "true");
        properties.put("parapet.monitors.application-id", "online-rules-it-" + System.nanoTime());
        properties.put("parapet.monitors.online.sample", "1.0");
        properties.put("parapet.gateway.default-policy", "none");
        return properties;
    }

    @Test
    void rules_judge_live_completions_in_the_stream_and_judges_beside_it_within_their_budget() throws Exception {
        // The echo model answers with the last user message: the rubric's renders to the judge's JSON verdict.
        assertThat(chatPrompt("online/bot", "Where is my order?").status()).isEqualTo(201);
        assertThat(chatPrompt("judges/online", "{\"score\": 0.8, \"reason\": \"read: {{output}}\"}")
                        .status())
                .isEqualTo(201);
        Reply regex = rule("mentions-order", "*", "{\"name\":\"regex\",\"config\":{\"pattern\":\"order\"}}", "");
        assertThat(regex.status()).as(regex.body()).isEqualTo(200);
        assertThat(regex.json().get("callsModel").asBoolean()).isFalse();
        Reply judge = rule(
                "helpful",
                "online/*",
                "{\"name\":\"llm-judge\",\"config\":{\"rubric\":\"judges/online@latest\"}}",
                ",\"perMinute\":2");
        assertThat(judge.status()).as(judge.body()).isEqualTo(200);
        assertThat(judge.json().get("callsModel").asBoolean()).isTrue();

        String chat = "{\"model\":\"prompt:online/bot#1\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"Where is my order?\"}]}";
        for (int i = 0; i < 3; i++) {
            assertThat(post("/v1/chat/completions", "chat", chat).status()).isEqualTo(200);
        }
        String bootstrap = kafka.resolve().orElseThrow().bootstrapServers();
        var online = KafkaRecords.read(bootstrap, MonitorTopics.EVAL_ONLINE, "online/bot", 3, Duration.ofSeconds(60));
        assertThat(online).hasSize(3);
        for (var record : online) {
            assertThat(Json.read(record.value()).path("checks").toString())
                    .contains("\"name\":\"rule:mentions-order\",\"passed\":true");
        }

        var judgements =
                KafkaRecords.read(bootstrap, "parapet.eval.judgements", "online/bot", 2, Duration.ofSeconds(60));
        assertThat(judgements).hasSize(2);
        JsonNode verdict = Json.read(judgements.get(0).value()).path("data");
        assertThat(verdict.path("rule").asText()).isEqualTo("helpful");
        assertThat(verdict.path("promptVersion").asInt()).isEqualTo(1);
        assertThat(verdict.path("score").asDouble()).isEqualTo(0.8);
        assertThat(verdict.path("reason").asText()).contains("judges/online#1").contains("read: Where is my order?");
        assertThat(judgementsStored())
                .as("the third completion found the rule's budget of 2 a minute spent")
                .isEqualTo(2);

        var judgeAnswers =
                KafkaRecords.read(bootstrap, MonitorTopics.EVAL_ONLINE, "judges/online", 2, Duration.ofSeconds(60));
        assertThat(judgeAnswers).hasSize(2);
        assertThat(judgeAnswers.get(0).value())
                .as("a judge's own answers are not judged, even by a rule on *")
                .doesNotContain("rule:");
    }

    @Test
    void bad_rules_are_refused_with_the_field_and_change_nothing() {
        chatPrompt("online/other", "Hi");
        long audits = auditTotal();
        Reply needsExpected = rule("x", "*", "{\"name\":\"equals\"}", "");
        assertThat(needsExpected.status()).isEqualTo(400);
        assertThat(needsExpected.json().at("/errors/0/field").asText()).isEqualTo("evaluator.name");
        assertThat(needsExpected.json().at("/errors/0/message").asText()).contains("expected answer");
        assertThat(rule("x", "*", "{\"name\":\"nope\"}", "").status()).isEqualTo(400);
        Reply pattern = rule("x", "Bad Name/*", "{\"name\":\"json-valid\"}", "");
        assertThat(pattern.json().at("/errors/0/field").asText()).isEqualTo("prompt");
        Reply budget = rule("x", "*", "{\"name\":\"json-valid\"}", ",\"perMinute\":0");
        assertThat(budget.json().at("/errors/0/field").asText()).isEqualTo("perMinute");
        assertThat(rule("x", "*", "{\"name\":\"llm-judge\",\"config\":{\"rubric\":\"judges/none@latest\"}}", "")
                        .status())
                .isEqualTo(404);
        assertThat(call(
                                "PUT",
                                "/api/v1/eval/online-rules/x",
                                "viewer",
                                "{\"prompt\":\"*\",\"evaluator\":{\"name\":\"json-valid\"}}")
                        .status())
                .isEqualTo(403);
        assertThat(call("PUT", "/api/v1/eval/online-rules/x", "editor", "{\"prompt\":")
                        .status())
                .isEqualTo(400);
        assertThat(auditTotal()).isEqualTo(audits);
        assertThat(get("/api/v1/eval/online-rules/x", "viewer").status()).isEqualTo(404);

        assertThat(rule("json", "online/other", "{\"name\":\"json-valid\"}", "").status())
                .isEqualTo(200);
        assertThat(call("DELETE", "/api/v1/eval/online-rules/json", "editor", null)
                        .status())
                .isEqualTo(204);
        assertThat(auditTotal()).isEqualTo(audits + 2);

        int existing = get("/api/v1/eval/online-rules", "viewer").json().size();
        for (int i = existing; i < 100; i++) {
            assertThat(rule("cap-" + i, "cap/none", "{\"name\":\"json-valid\"}", "")
                            .status())
                    .isEqualTo(200);
        }
        Reply full = rule("cap-over", "cap/none", "{\"name\":\"json-valid\"}", "");
        assertThat(full.status()).as("at most 100 rules").isEqualTo(409);
        assertThat(rule("cap-" + existing, "cap/none", "{\"name\":\"length\"}", "")
                        .status())
                .as("replacing one is not adding one")
                .isEqualTo(200);
        for (int i = existing; i < 100; i++) {
            call("DELETE", "/api/v1/eval/online-rules/cap-" + i, "editor", null);
        }
    }

    private Reply chatPrompt(String name, String userTemplate) {
        return post(
                "/api/v1/prompts/" + name + "/versions",
                "editor",
                "{\"messages\":[{\"role\":\"user\",\"content\":" + Json.write(userTemplate)
                        + "}],\"commitMessage\":\"c\"}");
    }

    private Reply rule(String name, String prompt, String evaluator, String extra) {
        return call(
                "PUT",
                "/api/v1/eval/online-rules/" + name,
                "editor",
                "{\"prompt\":\"" + prompt + "\",\"evaluator\":" + evaluator + extra + "}");
    }

    private long judgementsStored() throws Exception {
        var ds = server.getApplicationContext().getBean(javax.sql.DataSource.class);
        try (var c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(ds)
                        .getConnection();
                var s = c.prepareStatement("SELECT COUNT(*) FROM outbox_event WHERE payload LIKE ?")) {
            s.setString(1, "%\"type\":\"parapet.eval.judgement.v1\"%");
            try (var r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
