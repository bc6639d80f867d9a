package io.parapet.eval.ci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parapet.core.Json;
import io.parapet.core.client.ApiClient;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One CI evaluation over the API: the candidate's run and the baseline's (at the same time), a progress line while
 * they go, then the candidate's results, the comparison and the verdict against the suite's thresholds.
 */
final class CiRun {
    private final ApiClient api;
    private final Suite suite;
    private final PrintStream progress;
    private final long timeoutMillis;

    CiRun(ApiClient api, Suite suite, PrintStream progress, long timeoutMinutes) {
        this.api = api;
        this.suite = suite;
        this.progress = progress;
        this.timeoutMillis = timeoutMinutes * 60_000;
    }

    /** The runs did not end in a state that can be judged (cancelled, out of budget, out of time). */
    static final class CouldNotRun extends Exception {
        CouldNotRun(String message) {
            super(message);
        }
    }

    Outcome call() throws ApiClient.Failed, CouldNotRun, InterruptedException {
        String dataset = suite.dataset();
        if (dataset == null) {
            String name = EvalCommand.inlineDataset(suite);
            JsonNode imported = api.post(
                    "/api/v1/datasets/" + name + "/versions",
                    Json.write(EvalCommand.itemsBody(suite)),
                    "application/json");
            dataset = name + "#" + imported.at("/version/version").asInt();
        }
        long candidate = start(suite.prompt(), dataset);
        Long baseline = suite.baselineRef() == null ? null : start(suite.baselineRef(), dataset);
        JsonNode c = await(candidate, baseline);
        JsonNode b = baseline == null ? null : api.get("/api/v1/eval/runs/" + baseline);
        for (JsonNode run : b == null ? List.of(c) : List.of(c, b)) {
            String status = run.get("status").asText();
            if (!status.equals("completed") && !status.equals("completed_with_errors")) {
                throw new CouldNotRun("run " + run.get("id").asLong() + " ended " + status + ": "
                        + run.path("reason").asText(""));
            }
        }
        List<JsonNode> items = items(candidate);
        JsonNode comparison = baseline == null
                ? null
                : api.get("/api/v1/eval/compare?baseline=" + baseline + "&candidate=" + candidate);
        List<String> failures = new ArrayList<>();
        double rate = c.at("/aggregates/passRate/rate").asDouble();
        if (suite.failOnOrDefault().contains("threshold") && rate < suite.passRate()) {
            failures.add(String.format(
                    Locale.ROOT,
                    "pass rate %.1f %% is under the threshold of %.1f %%",
                    rate * 100,
                    suite.passRate() * 100));
        }
        if (comparison != null
                && suite.failOnOrDefault().contains("regression")
                && comparison.get("verdict").asText().equals("worse")) {
            failures.add("the candidate is significantly worse than the baseline ("
                    + comparison.get("regressed").asInt() + " items regressed)");
        }
        return new Outcome(c, b, items, comparison, failures);
    }

    private long start(String prompt, String dataset) throws ApiClient.Failed {
        ObjectNode spec = Json.mapper().createObjectNode();
        spec.put("prompt", prompt).put("dataset", dataset);
        spec.set("evaluators", Json.mapper().valueToTree(suite.evaluators()));
        if (suite.concurrency() != null) {
            spec.put("concurrency", suite.concurrency());
        }
        if (suite.modelOverride() != null) {
            spec.put("modelOverride", suite.modelOverride());
        }
        return api.post("/api/v1/eval/runs", Json.write(spec), "application/json")
                .get("id")
                .asLong();
    }

    private JsonNode await(long candidate, Long baseline) throws ApiClient.Failed, CouldNotRun, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            JsonNode c = api.get("/api/v1/eval/runs/" + candidate);
            JsonNode b = baseline == null ? null : api.get("/api/v1/eval/runs/" + baseline);
            progress.print("\r" + bar("candidate", c) + (b == null ? "" : "  " + bar("baseline", b)));
            if (finished(c) && (b == null || finished(b))) {
                progress.println();
                return c;
            }
            if (System.currentTimeMillis() > deadline) {
                progress.println();
                throw new CouldNotRun("the runs did not finish within " + timeoutMillis / 60_000 + " minutes");
            }
            Thread.sleep(500);
        }
    }

    private static boolean finished(JsonNode run) {
        return !List.of("queued", "running").contains(run.get("status").asText());
    }

    private static String bar(String name, JsonNode run) {
        int done = run.at("/progress/done").asInt();
        int total = Math.max(1, run.at("/progress/total").asInt());
        int filled = (int) (20L * done / total);
        JsonNode eta = run.at("/progress/etaSeconds");
        return String.format(
                Locale.ROOT,
                "%s [%s%s] %d/%d %.0f/s%s",
                name,
                "#".repeat(filled),
                ".".repeat(20 - filled),
                done,
                total,
                run.at("/progress/perSecond").asDouble(),
                eta.isNumber() ? " ETA " + eta.asLong() + " s" : "");
    }

    private List<JsonNode> items(long run) throws ApiClient.Failed {
        List<JsonNode> items = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode p = api.get("/api/v1/eval/runs/" + run + "/items?size=200&page=" + page);
            p.get("items").forEach(items::add);
            if (p.get("items").size() < 200) {
                return items;
            }
        }
    }
}
