package io.parapet.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.parapet.core.Json;
import io.parapet.core.test.TestDatabase;
import io.parapet.server.mock.MockUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ./parapet bench eval}: evaluation throughput and memory. The packaged server runs as its own process with
 * {@code -Xmx256m} on PostgreSQL; the model is the mock upstream at 50 ms. Measured in one run: importing 100,000
 * items, a 10,000-item run and a 100,000-item run with deterministic evaluators (items a second from the run's own
 * start and end, and the server's peak resident memory), and as the same-run baseline the mock called directly at
 * the same concurrency, by our client and by {@code hey}.
 */
public final class EvalBenchmark {
    private static final String ADMIN = "pk_bench-admin-000000000000000000000000000000";
    private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 100);
    private static final int LATENCY = 50;

    public static void main(String[] args) throws Exception {
        Path jar =
                Path.of(args.length > 0 ? args[0] : "server/target/parapet.jar").toAbsolutePath();
        if (System.getProperty("bench.serverJvmArgs") == null) {
            System.setProperty("bench.serverJvmArgs", "-Xmx256m");
        }
        List<String> rows = new ArrayList<>();
        int port = ServerProcess.freePort();
        try (MockUpstream mock = new MockUpstream(MockUpstream.Behaviour.healthy(LATENCY))) {
            Process server = ServerProcess.startOnPostgres(jar, port, TestDatabase.create(), ADMIN, Map.of());
            try {
                String base = "http://127.0.0.1:" + port;
                ServerProcess.awaitHealthy(base, Duration.ofSeconds(90));
                seed(base, mock.baseUrl());
                rows.add(importRow(base, 100_000));

                String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"question 1\"}]}";
                double direct = direct(mock.baseUrl() + "/chat/completions", body, 10_000);
                rows.add(String.format(
                        "| baseline: the mock at %d ms called directly, concurrency %d, 10,000 calls (our client) |"
                                + " %.0f calls/s |",
                        LATENCY, CONCURRENCY, direct));
                if (HeyLoad.installed()) {
                    double hey =
                            HeyLoad.throughput(mock.baseUrl() + "/chat/completions", "x", body, CONCURRENCY, 10_000);
                    rows.add(String.format(
                            "| baseline by hey (not ours): same calls, -c %d -n 10000 | %.0f calls/s |",
                            CONCURRENCY, hey));
                }
                for (int items : List.of(10_000, 100_000)) {
                    rows.add(runRow(base, server.pid(), items, direct));
                }
            } finally {
                server.destroy();
                server.waitFor();
            }
        }
        System.out.println("| measure | figure |");
        System.out.println("|---|---|");
        rows.forEach(System.out::println);
    }

    private static String importRow(String base, int items) throws Exception {
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < items; i++) {
            jsonl.append("{\"id\":\"i")
                    .append(i)
                    .append("\",\"variables\":{\"q\":\"question ")
                    .append(i)
                    .append(" about the order and its refund\"},\"expected\":\"question ")
                    .append(i)
                    .append("\"}\n");
        }
        long start = System.nanoTime();
        HttpResponse<String> r = ServerProcess.send(
                base, ADMIN, "POST", "/api/v1/datasets/bench/set-" + items + "/import", jsonl.toString(), "text/plain");
        double seconds = (System.nanoTime() - start) / 1e9;
        check(r);
        // The runs take the first N items of a copy at their size; 10,000 is imported the same way.
        check(ServerProcess.send(
                base,
                ADMIN,
                "POST",
                "/api/v1/datasets/bench/set-10000/import",
                jsonl.substring(0, nth(jsonl, 10_000)),
                "text/plain"));
        return String.format(
                "| import of %,d items (JSONL, %.1f MB), streamed | %.2f s (%,.0f items/s) |",
                items, jsonl.length() / 1e6, seconds, items / seconds);
    }

    private static int nth(CharSequence text, int lines) {
        int seen = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n' && ++seen == lines) {
                return i + 1;
            }
        }
        return text.length();
    }

    private static String runRow(String base, long pid, int items, double direct) throws Exception {
        String spec = "{\"prompt\":\"bench/eval#1\",\"dataset\":\"bench/set-" + items + "\",\"concurrency\":"
                + CONCURRENCY + ",\"evaluators\":[{\"name\":\"contains\",\"config\":{\"values\":[\"question\"]}},"
                + "{\"name\":\"length\",\"config\":{\"max\":2000}},{\"name\":\"latency\",\"config\":{\"max\":5000}}]}";
        long id = Json.read(
                        check(ServerProcess.send(base, ADMIN, "POST", "/api/v1/eval/runs", spec, "application/json"))
                                .body())
                .get("id")
                .asLong();
        long peakRss = 0;
        JsonNode run;
        do {
            Thread.sleep(250);
            peakRss = Math.max(peakRss, ServerProcess.rssKb(pid));
            run = Json.read(ServerProcess.send(base, ADMIN, "GET", "/api/v1/eval/runs/" + id, "", "application/json")
                    .body());
        } while (List.of("queued", "running").contains(run.get("status").asText()));
        double seconds = Duration.between(
                                Instant.parse(run.get("startedAt").asText()),
                                Instant.parse(run.get("finishedAt").asText()))
                        .toMillis()
                / 1000.0;
        double rate = run.at("/progress/done").asInt() / seconds;
        return String.format(
                "| run of %,d items, 3 deterministic evaluators, concurrency %d, server -Xmx256m | %s: %,.0f items/s"
                        + " (%.2f of the direct baseline; %.1f× promptfoo's 92/s), %d errored, pass rate %.3f,"
                        + " latency p50 %d ms / p95 %d ms, peak RSS %d MB |",
                items,
                CONCURRENCY,
                run.get("status").asText(),
                rate,
                rate / direct,
                rate / 92,
                run.at("/progress/errored").asInt(),
                run.at("/aggregates/passRate/rate").asDouble(),
                run.at("/aggregates/latencyP50Millis").asLong(),
                run.at("/aggregates/latencyP95Millis").asLong(),
                peakRss / 1024);
    }

    /** The mock called straight, {@code CONCURRENCY} at a time, by the JDK client: what the runner could reach. */
    private static double direct(String url, String body, int calls) throws Exception {
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Semaphore slots = new Semaphore(CONCURRENCY);
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            slots.acquire();
            client.sendAsync(
                            HttpRequest.newBuilder(URI.create(url))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .whenComplete((r, e) -> {
                        if (e != null || r.statusCode() != 200) {
                            failed.incrementAndGet();
                        }
                        slots.release();
                    });
        }
        slots.acquire(CONCURRENCY);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " direct calls failed");
        }
        return calls / seconds;
    }

    private static void seed(String base, String mockUrl) throws Exception {
        check(ServerProcess.send(
                base,
                ADMIN,
                "POST",
                "/api/v1/models/bench-mock/versions",
                "{\"provider\":\"openai\",\"modelId\":\"m\",\"baseUrl\":\"" + mockUrl
                        + "\",\"commitMessage\":\"bench\"}",
                "application/json"));
        // A policy that scans but never fires: evaluation load, not guardrail cost, is what this measures.
        check(ServerProcess.send(
                base,
                ADMIN,
                "POST",
                "/api/v1/guardrails/policies/bench/light/versions",
                "{\"commitMessage\":\"bench\",\"labels\":[\"production\"],\"policy\":{\"scanners\":[{\"type\":"
                        + "\"banned-patterns\",\"action\":\"warn\",\"config\":{\"substrings\":[\"zzz-never\"]}}]}}",
                "application/json"));
        check(ServerProcess.send(
                base,
                ADMIN,
                "POST",
                "/api/v1/prompts/bench/eval/versions",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"{{q}}\"}],\"model\":{\"name\":\"bench-mock\"},"
                        + "\"guardrails\":\"bench/light@production\",\"commitMessage\":\"bench\"}",
                "application/json"));
    }

    private static HttpResponse<String> check(HttpResponse<String> response) {
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(response.statusCode() + ": " + response.body());
        }
        return response;
    }
}
