package io.parapet.server.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parapet.server.ui.UiClient;
import org.junit.jupiter.api.Test;

/**
 * What a run adds up beyond pass rates: classification metrics over a labelled dataset, and costs estimated from
 * the catalog's model prices, with the cost budget and cost bound that use them; bad prices and budgets change
 * nothing.
 */
@MicronautTest(environments = "postgres", transactional = false)
class EvalMetricsIT extends EvalTestSupport {
    // The mock echoes the question, so the predicted label is the question; 7 of 10 agree with the expected label.
    private static final String[][] INTENTS = {
        {"refund", "refund"}, {"refund", "refund"}, {"refund", "refund"}, {"refund", "shipping"},
        {"shipping", "shipping"}, {"shipping", "shipping"}, {"shipping", "shipping"}, {"shipping", "shipping"},
        {"shipping", "refund"}, {"shipping", "refund"}
    };

    @Test
    void should_report_accuracy_precision_recall_and_f1_of_a_classifying_prompt() {
        importIntents();
        long id = start("{\"prompt\":\"eval/bot#1\",\"dataset\":\"eval/intents\",\"evaluators\":[{\"name\":"
                        + "\"classification\",\"config\":{\"labels\":[\"refund\",\"shipping\"]}}]}")
                .get("id")
                .asLong();
        JsonNode run = finished(id);
        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("completed");
        JsonNode metrics = run.at("/aggregates/classifications/0/metrics");
        assertThat(run.at("/aggregates/classifications/0/evaluator").asText()).isEqualTo("classification");
        assertThat(metrics.get("total").asInt()).isEqualTo(10);
        assertThat(metrics.get("accuracy").asDouble()).isEqualTo(0.7);
        JsonNode refund = metrics.at("/labels/0");
        assertThat(refund.get("label").asText()).isEqualTo("refund");
        assertThat(refund.get("precision").asDouble()).isEqualTo(0.75); // 3 of 4 predicted refunds
        assertThat(refund.get("recall").asDouble()).isEqualTo(0.6); // 3 of 5 true refunds
        assertThat(refund.get("support").asInt()).isEqualTo(5);
        JsonNode item = get("/api/v1/eval/runs/" + id + "/items?filter=failed&size=1", "viewer")
                .json()
                .at("/items/0/verdicts/0");
        assertThat(item.get("predicted").asText()).isEqualTo("refund");
        assertThat(item.get("actual").asText()).isEqualTo("shipping");

        UiClient.Page page =
                UiClient.withKey(server.getURL().toString(), KEYS.get("viewer")).get("/ui/eval/runs/" + id);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .contains("classification: accuracy 70")
                .contains("<td>refund</td><td>0.750</td><td>0.600</td>")
                .contains("unknown: no model prices in the catalog");
    }

    @Test
    void should_estimate_costs_from_model_prices_and_stop_at_a_cost_budget() {
        Reply priced = post(
                "/api/v1/models/eval-priced/versions",
                "admin",
                "{\"provider\":\"openai\",\"modelId\":\"m\",\"baseUrl\":\"" + mock.baseUrl()
                        + "\",\"prices\":{\"inputPerMillion\":1000,\"outputPerMillion\":2000},\"commitMessage\":\"c\"}");
        assertThat(priced.status()).as(priced.body()).isEqualTo(201);
        assertThat(get("/api/v1/models/eval-priced", "viewer")
                        .json()
                        .at("/prices/outputPerMillion")
                        .asDouble())
                .isEqualTo(2000);

        long id = start(spec("eval/bot#1", ",\"modelOverride\":\"eval-priced\"")
                        .replace(
                                "{\"name\":\"latency\"",
                                "{\"name\":\"cost\",\"config\":{\"max\":1}},{\"name\":\"latency\""))
                .get("id")
                .asLong();
        JsonNode run = finished(id);
        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("completed");
        JsonNode aggregates = run.get("aggregates");
        double expected = (aggregates.get("inputTokens").asLong() * 1000
                        + aggregates.get("outputTokens").asLong() * 2000)
                / 1_000_000d;
        assertThat(aggregates.get("cost").asDouble()).isPositive().isCloseTo(expected, within(1e-9));
        assertThat(aggregates.get("costed").asInt()).isEqualTo(ITEMS);
        assertThat(run.at("/progress/cost").asDouble()).isCloseTo(expected, within(1e-9));
        assertThat(run.at("/aggregates/evaluators/1/evaluator").asText()).isEqualTo("cost");
        assertThat(run.at("/aggregates/evaluators/1/passRate/rate").asDouble()).isEqualTo(1.0);

        double perAnswer = expected / ITEMS;
        JsonNode budget = finished(start(spec(
                        "eval/bot#1",
                        ",\"modelOverride\":\"eval-priced\",\"concurrency\":1,\"maxCost\":" + perAnswer * 3))
                .get("id")
                .asLong());
        assertThat(budget.get("status").asText()).isEqualTo("stopped_at_budget");
        assertThat(budget.get("reason").asText()).startsWith("stopped at the cost budget of $");
        assertThat(budget.at("/progress/done").asInt()).isLessThan(ITEMS);

        JsonNode unpriced = finished(start(spec("eval/bot#1", "")
                        .replace(
                                "{\"name\":\"latency\"",
                                "{\"name\":\"cost\",\"config\":{\"max\":1}},{\"name\":\"latency\""))
                .get("id")
                .asLong());
        assertThat(unpriced.at("/aggregates/costed").asInt()).isZero();
        assertThat(unpriced.at("/aggregates/passRate/rate").asDouble())
                .as("a cost bound that cannot be checked is not met")
                .isZero();
    }

    @Test
    void should_refuse_bad_prices_and_budgets_and_change_nothing() {
        long audits = auditTotal();
        Reply negative = post(
                "/api/v1/models/eval-cheap/versions",
                "admin",
                "{\"provider\":\"openai\",\"modelId\":\"m\",\"baseUrl\":\"" + mock.baseUrl()
                        + "\",\"prices\":{\"inputPerMillion\":-1,\"outputPerMillion\":99999},\"commitMessage\":\"c\"}");
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.json().at("/errors/0/field").asText()).isEqualTo("prices.inputPerMillion");
        assertThat(get("/api/v1/models/eval-cheap", "viewer").status()).isEqualTo(404);
        Reply budget = post("/api/v1/eval/runs", "editor", spec("eval/bot#1", ",\"maxCost\":-5"));
        assertThat(budget.status()).isEqualTo(400);
        assertThat(budget.json().at("/errors/0/field").asText()).isEqualTo("maxCost");
        Reply noMax = post(
                "/api/v1/eval/runs",
                "editor",
                spec("eval/bot#1", "").replace("{\"name\":\"latency\"", "{\"name\":\"cost\"},{\"name\":\"latency\""));
        assertThat(noMax.status()).isEqualTo(400);
        assertThat(noMax.body()).contains("'max'");
        Reply badPath = post(
                "/api/v1/eval/runs",
                "editor",
                spec("eval/bot#1", "")
                        .replace(
                                "{\"name\":\"latency\"",
                                "{\"name\":\"json-path\",\"config\":{\"path\":\"$[\"}},{\"name\":\"latency\""));
        assertThat(badPath.status()).isEqualTo(400);
        assertThat(auditTotal()).isEqualTo(audits);
    }

    private void importIntents() {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < INTENTS.length; i++) {
            items.append("{\"id\":\"i")
                    .append(i)
                    .append("\",\"variables\":{\"question\":\"")
                    .append(INTENTS[i][0])
                    .append("\"},\"expected\":\"")
                    .append(INTENTS[i][1])
                    .append("\"}\n");
        }
        Reply imported = call(
                "POST",
                "/api/v1/datasets/eval/intents/import?format=jsonl",
                "editor",
                items.toString(),
                "Content-Type",
                "text/plain");
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
    }
}
