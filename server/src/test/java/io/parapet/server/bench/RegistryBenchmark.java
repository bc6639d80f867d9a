package io.parapet.server.bench;

import io.micronaut.context.ApplicationContext;
import io.parapet.core.Json;
import io.parapet.core.test.TestDatabase;
import io.parapet.registry.PromptCache;
import io.parapet.registry.ResolvedPrompt;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongFunction;
import org.HdrHistogram.Histogram;

/**
 * The registry's benchmark ({@code ./parapet bench}). Runs the packaged server as a separate process, on
 * PostgreSQL in production mode, and measures: resolve+render of a 2 KB chat prompt over HTTP at a constant
 * 500 requests/s; the same from the in-process prompt cache; version creation throughput; cold start to a
 * healthy /health in local mode; the server's resident memory at idle and under load. Prints a Markdown table.
 */
public final class RegistryBenchmark {
    private static final String KEY = "pk_bench-admin-key-000000000000000000000000";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private RegistryBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path jar =
                Path.of(args.length > 0 ? args[0] : "server/target/parapet.jar").toAbsolutePath();
        int rate = Integer.getInteger("bench.rate", 500);
        int seconds = Integer.getInteger("bench.seconds", 30);
        List<String> rows = new ArrayList<>();

        boolean httpOnly = Boolean.getBoolean("bench.httpOnly");
        if (!httpOnly) {
            rows.add(BenchTable.row(
                    "cold start to healthy /health, local mode (median of 3)", coldStart(jar) + " ms", "≤ 5000 ms"));
        }

        int port = ServerProcess.freePort();
        Map<String, String> db = TestDatabase.create();
        Process server = ServerProcess.startOnPostgres(jar, port, db, KEY, Map.of());
        try {
            String base = "http://127.0.0.1:" + port;
            ServerProcess.awaitHealthy(base, Duration.ofSeconds(60));
            seed(base);
            long idleRss = ServerProcess.rssKb(server.pid());

            String render = "{\"label\":\"production\",\"variables\":{\"customer\":\"Ann\",\"product\":\"Parapet\","
                    + "\"question\":\"How do labels work?\"}}";
            try (io.micronaut.http.client.HttpClient client =
                    io.micronaut.http.client.HttpClient.create(URI.create(base).toURL())) {
                LongFunction<CompletableFuture<Integer>> renderCall = i -> ConstantRateLoad.status(client.exchange(
                        io.micronaut.http.HttpRequest.POST("/api/v1/prompts/bench/support/render", render)
                                .bearerAuth(KEY)
                                .contentType("application/json"),
                        String.class));
                LongFunction<CompletableFuture<Integer>> healthCall = i -> ConstantRateLoad.status(
                        client.exchange(io.micronaut.http.HttpRequest.GET("/health"), String.class));
                ConstantRateLoad.run(renderCall, rate, Duration.ofSeconds(10)); // warm-up, discarded
                ConstantRateLoad.Result load = ConstantRateLoad.run(renderCall, rate, Duration.ofSeconds(seconds));
                long loadRss = ServerProcess.rssKb(server.pid());
                // The floor of this set-up: the cheapest request the server answers, at the same rate, in the same run.
                ConstantRateLoad.run(healthCall, rate, Duration.ofSeconds(5));
                ConstantRateLoad.Result floor = ConstantRateLoad.run(healthCall, rate, Duration.ofSeconds(seconds));
                rows.add(BenchTable.row(
                        "resolve + render 2 KB chat prompt over HTTP, " + rate + " req/s for " + seconds
                                + " s (PostgreSQL)",
                        load.summary()
                                + String.format(
                                        "; %d requests, %d errors, %.0f req/s",
                                        load.sent(), load.errors(), load.rate()),
                        "p99 ≤ 2 ms, 0 errors"));
                rows.add(BenchTable.row(
                        "floor: GET /health at the same rate (no auth, no database)", floor.summary(), "reference"));
                rows.add(BenchTable.row(
                        "server resident memory (RSS), idle / after load",
                        idleRss / 1024 + " MiB / " + loadRss / 1024 + " MiB",
                        "recorded"));
            }
            if (httpOnly) {
                return;
            }
            rows.add(BenchTable.row(
                    "version creates over HTTP (4 clients, distinct content)", createRate(base) + " /s", "≥ 300 /s"));
            rows.add(BenchTable.row(
                    "resolve + render from the in-process cache (1,000,000 calls)", cacheTimings(db), "p99 ≤ 50 µs"));
        } finally {
            server.destroy();
            server.waitFor();
            BenchTable.print("Registry benchmark", rows);
        }
    }

    /** In process, on the database the server process was seeded in. */
    private static String cacheTimings(Map<String, String> db) {
        try (ApplicationContext context = BenchTable.context(db)) {
            PromptCache cache = context.getBean(PromptCache.class);
            Map<String, String> values =
                    Map.of("customer", "Ann", "product", "Parapet", "question", "How do labels work?");
            for (int i = 0; i < 200_000; i++) {
                cache.get("bench/support", "production", null).render(values);
            }
            Histogram h = new Histogram(3);
            int chars = 0;
            for (int i = 0; i < 1_000_000; i++) {
                long t = System.nanoTime();
                ResolvedPrompt p = cache.get("bench/support", "production", null);
                chars += p.render(values).messages().get(0).content().length();
                h.recordValue(Math.max(1, System.nanoTime() - t));
            }
            return String.format(
                    "p50 %.1f µs, p99 %.1f µs, p99.9 %.1f µs (%d chars rendered)",
                    h.getValueAtPercentile(50) / 1000.0,
                    h.getValueAtPercentile(99) / 1000.0,
                    h.getValueAtPercentile(99.9) / 1000.0,
                    chars);
        }
    }

    private static long createRate(String base) throws Exception {
        int total = 2000;
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            long start = System.nanoTime();
            List<Future<Integer>> results = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                int client = c;
                results.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < total / 4; i++) {
                        String body = "{\"type\":\"text\",\"template\":\"variant " + client + "-" + i
                                + " for {{name}}\",\"commitMessage\":\"bench\"}";
                        ok += send(base, "POST", "/api/v1/prompts/bench/creates-" + (i % 10) + "/versions", body)
                                                .statusCode()
                                        == 201
                                ? 1
                                : 0;
                    }
                    return ok;
                }));
            }
            int ok = 0;
            for (Future<Integer> f : results) {
                ok += f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (ok != total) {
                throw new IllegalStateException(ok + " of " + total + " creates succeeded");
            }
            return Math.round(total / seconds);
        }
    }

    private static long coldStart(Path jar) throws Exception {
        List<Long> times = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            Path home = Files.createTempDirectory("parapet-bench-home");
            int port = ServerProcess.freePort();
            long start = System.nanoTime();
            Process p = ServerProcess.start(jar, port, Map.of("PARAPET_HOME", home.toString()), home);
            try {
                ServerProcess.awaitHealthy("http://127.0.0.1:" + port, Duration.ofSeconds(60));
                times.add((System.nanoTime() - start) / 1_000_000);
            } finally {
                p.destroy();
                p.waitFor();
            }
        }
        times.sort(null);
        return times.get(1);
    }

    private static void seed(String base) throws Exception {
        StringBuilder system = new StringBuilder("You are the support assistant of {{product}}. ");
        while (system.length() < 1800) {
            system.append(
                    "Answer precisely, cite the documentation, never invent features, and keep a friendly tone. ");
        }
        String body =
                "{\"type\":\"chat\",\"messages\":[{\"role\":\"system\",\"content\":" + Json.write(system.toString())
                        + "},{\"role\":\"user\",\"content\":\"Customer {{customer}} asks: {{question}}\"}],\"commitMessage\":\"bench\",\"labels\":[\"production\"]}";
        HttpResponse<String> created = send(base, "POST", "/api/v1/prompts/bench/support/versions", body);
        if (created.statusCode() != 201) {
            throw new IllegalStateException("seeding failed: " + created.body());
        }
    }

    private static HttpResponse<String> send(String base, String method, String path, String body) throws Exception {
        return ServerProcess.send(base, KEY, method, path, body, "application/json");
    }
}
