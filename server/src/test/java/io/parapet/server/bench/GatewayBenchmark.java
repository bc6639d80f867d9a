package io.parapet.server.bench;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.parapet.core.Json;
import io.parapet.server.mock.MockUpstream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;
import org.HdrHistogram.Histogram;

/**
 * The gateway's benchmark ({@code ./parapet bench gateway}), the way TensorZero and independent gateway benchmarks
 * measure: an OpenAI-compatible mock upstream at 0 ms and 20 ms, a constant arrival rate, HdrHistogram, and the
 * gateway's p50/p99 minus direct-to-mock p50/p99 measured in the same run. The server runs as a separate process
 * in production mode on PostgreSQL. Also: the default guardrail policy on 1 KB messages, streaming time to first
 * token, and resident memory. Prints a Markdown table.
 */
public final class GatewayBenchmark {
    private static final String ADMIN = "pk_bench-admin-key-000000000000000000000000";

    private static final int WARMUP_SECONDS = Integer.getInteger("bench.warmupSeconds", 40);
    private static boolean warmedUp;

    private GatewayBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path jar =
                Path.of(args.length > 0 ? args[0] : "server/target/parapet.jar").toAbsolutePath();
        int rate = Integer.getInteger("bench.rate", 500);
        int guardedRate = Integer.getInteger("bench.guardedRate", 20);
        int seconds = Integer.getInteger("bench.seconds", 20);
        String message = Json.write(oneKilobyte());
        List<String> rows = new ArrayList<>();
        int port = ServerProcess.freePort();
        try (MockUpstream fast = new MockUpstream(MockUpstream.Behaviour.healthy(0));
                MockUpstream slow = new MockUpstream(MockUpstream.Behaviour.healthy(20))) {
            Process server = ServerProcess.startOnPostgres(
                    jar,
                    port,
                    io.parapet.core.test.TestDatabase.create(),
                    ADMIN,
                    Map.of("PARAPET_GATEWAY_DEFAULT_POLICY", "none"));
            try {
                String base = "http://127.0.0.1:" + port;
                ServerProcess.awaitHealthy(base, Duration.ofSeconds(60));
                String chatKey = seed(base, fast.baseUrl(), slow.baseUrl());
                try (HttpClient gateway = HttpClient.create(URI.create(base).toURL());
                        HttpClient direct0 =
                                HttpClient.create(URI.create(fast.baseUrl()).toURL());
                        HttpClient direct20 =
                                HttpClient.create(URI.create(slow.baseUrl()).toURL())) {
                    for (int latency : new int[] {0, 20}) {
                        HttpClient direct = latency == 0 ? direct0 : direct20;
                        String model = latency == 0 ? "mock0" : "mock20";
                        LongFunction<CompletableFuture<Integer>> viaGateway =
                                i -> post(gateway, "/v1/chat/completions", chat(model, message), chatKey);
                        LongFunction<CompletableFuture<Integer>> toMock =
                                i -> post(direct, "/v1/chat/completions", chat(model, message), "mock");
                        compare(rows, "no guardrails, mock at " + latency + " ms", rate, seconds, toMock, viaGateway);
                    }
                    // Each message different (a numbered start), so no scan can reuse an earlier text's embedding;
                    // then one message over and over, which the kept embeddings answer.
                    String text = oneKilobyte();
                    LongFunction<String> numbered = i -> Json.write("Request " + i + ". " + text);
                    LongFunction<CompletableFuture<Integer>> guardedFresh = i -> post(
                            gateway,
                            "/v1/chat/completions",
                            chat("prompt:bench/guarded@production", numbered.apply(i)),
                            chatKey);
                    LongFunction<CompletableFuture<Integer>> toMockFresh =
                            i -> post(direct0, "/v1/chat/completions", chat("mock0", numbered.apply(i)), "mock");
                    compare(
                            rows,
                            "default policy (input + output), 1 KB, every message different, mock at 0 ms",
                            guardedRate,
                            seconds,
                            toMockFresh,
                            guardedFresh);
                    LongFunction<CompletableFuture<Integer>> guardedSame = i -> post(
                            gateway, "/v1/chat/completions", chat("prompt:bench/guarded@production", message), chatKey);
                    LongFunction<CompletableFuture<Integer>> toMock =
                            i -> post(direct0, "/v1/chat/completions", chat("mock0", message), "mock");
                    compare(
                            rows,
                            "default policy, 1 KB, one message repeated (embeddings kept), mock at 0 ms",
                            guardedRate,
                            seconds,
                            toMock,
                            guardedSame);
                }
                if (HeyLoad.installed()) {
                    HeyLoad.Result direct = HeyLoad.post(
                            slow.baseUrl() + "/chat/completions", "mock", chat("mock20", message), rate, seconds);
                    HeyLoad.Result gateway = HeyLoad.post(
                            base + "/v1/chat/completions", chatKey, chat("mock20", message), rate, seconds);
                    rows.add("| hey (not ours), mock at 20 ms, " + rate + " req/s for " + seconds
                            + " s: direct to mock | " + direct.summary() + " | reference |");
                    rows.add(String.format(
                            "| hey, mock at 20 ms: through the gateway | %s; **added p50 %.2f ms, p99 %.2f ms** |"
                                    + " added p50 ≤ 0.5 ms, p99 ≤ 2 ms |",
                            gateway.summary(),
                            gateway.p50Millis() - direct.p50Millis(),
                            gateway.p99Millis() - direct.p99Millis()));
                } else {
                    rows.add("| hey (not ours) | not installed: `apt-get install hey` to add its rows | |");
                }
                rows.add(firstToken(base, chatKey, fast.baseUrl(), "mock0", "no guardrails"));
                rows.add(firstToken(
                        base,
                        chatKey,
                        fast.baseUrl(),
                        "prompt:bench/guarded@production",
                        "default policy (held back to the first scanned sentence)"));
                rows.add("| server resident memory (RSS) after the load | " + ServerProcess.rssKb(server.pid()) / 1024
                        + " MiB | ≤ 600 MiB |");
            } finally {
                server.destroy();
                server.waitFor();
            }
        }
        System.out.println("\n## Gateway (issue 16 targets) — " + LocalDate.now() + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, Temurin "
                + Runtime.version().feature() + "\n");
        System.out.println("| what | measured | target |\n|---|---|---|");
        rows.forEach(System.out::println);
    }

    /** Direct-to-mock then through the gateway, same rate and length; the difference is what the gateway adds. */
    private static void compare(
            List<String> rows,
            String what,
            int rate,
            int seconds,
            LongFunction<CompletableFuture<Integer>> toMock,
            LongFunction<CompletableFuture<Integer>> viaGateway)
            throws InterruptedException {
        // Warm-up, discarded. The first one is long: after 3,000 requests C2 still took half the server's CPU
        // (per-thread CPU during a run), so a short warm-up measures the compiler, not the gateway.
        ConstantRateLoad.run(viaGateway, rate, Duration.ofSeconds(warmedUp ? 5 : WARMUP_SECONDS));
        warmedUp = true;
        ConstantRateLoad.run(toMock, rate, Duration.ofSeconds(3));
        ConstantRateLoad.Result direct = ConstantRateLoad.run(toMock, rate, Duration.ofSeconds(seconds));
        ConstantRateLoad.Result gateway = ConstantRateLoad.run(viaGateway, rate, Duration.ofSeconds(seconds));
        double addedP50 = (p(gateway.latency(), 50) - p(direct.latency(), 50)) / 1000.0;
        double addedP99 = (p(gateway.latency(), 99) - p(direct.latency(), 99)) / 1000.0;
        rows.add("| " + what + ", " + rate + " req/s for " + seconds + " s: direct to mock | " + direct.summary() + ", "
                + direct.errors() + " errors | reference |");
        rows.add(String.format(
                "| %s: through the gateway | %s, %d errors; **added p50 %.2f ms, p99 %.2f ms** | %s |",
                what,
                gateway.summary(),
                gateway.errors(),
                addedP50,
                addedP99,
                what.startsWith("no guardrails")
                        ? "added p50 ≤ 0.5 ms, p99 ≤ 2 ms, 0 errors"
                        : "added p99 ≤ 15 ms, 0 errors"));
    }

    /** Sequential streamed requests: median and p99 time to the first content chunk, direct and through Parapet. */
    private static String firstToken(String base, String chatKey, String mockBase, String model, String what)
            throws Exception {
        String body = "{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"Hello there. This answer streams word by word.\"}]}";
        Histogram direct = new Histogram(3);
        Histogram gateway = new Histogram(3);
        for (int i = 0; i < 230; i++) {
            long d = ttft(mockBase + "/chat/completions", body, "mock");
            long g = ttft(base + "/v1/chat/completions", body, chatKey);
            if (i >= 30) { // warm-up
                direct.recordValue(d);
                gateway.recordValue(g);
            }
        }
        return String.format(
                "| streaming time to first token, %s (200 sequential) | direct p50 %.2f / p99 %.2f ms; gateway p50"
                        + " %.2f / p99 %.2f ms; **added p50 %.2f ms** | added ≤ 2 ms |",
                what,
                p(direct, 50) / 1000.0,
                p(direct, 99) / 1000.0,
                p(gateway, 50) / 1000.0,
                p(gateway, 99) / 1000.0,
                (p(gateway, 50) - p(direct, 50)) / 1000.0);
    }

    private static long ttft(String url, String body, String key) throws Exception {
        long start = System.nanoTime();
        HttpResponse<InputStream> response = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(URI.create(url))
                                .header("Authorization", "Bearer " + key)
                                .header("Content-Type", "application/json")
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        try (var lines =
                new java.io.BufferedReader(new java.io.InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.contains("\"content\"")) {
                    long micros = (System.nanoTime() - start) / 1_000;
                    lines.lines().count(); // read to the end, so the connection ends cleanly
                    return micros;
                }
            }
        }
        throw new IllegalStateException("no content chunk from " + url);
    }

    private static String seed(String base, String fastUrl, String slowUrl) throws Exception {
        model(base, "mock0", fastUrl);
        model(base, "mock20", slowUrl);
        String policy;
        try (InputStream in = GatewayBenchmark.class.getResourceAsStream("/guardrails/default-policy.yaml")) {
            policy = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String document = "commitMessage: bench\nlabels: [production]\npolicy:\n"
                + policy.lines()
                        .map(l -> "  " + l)
                        .reduce((a, b) -> a + "\n" + b)
                        .orElseThrow();
        check(ServerProcess.send(
                base,
                ADMIN,
                "POST",
                "/api/v1/guardrails/policies/bench/default/versions",
                document,
                "application/yaml"));
        check(ServerProcess.send(
                base,
                ADMIN,
                "POST",
                "/api/v1/prompts/bench/guarded/versions",
                "{\"template\":\"You are terse.\",\"commitMessage\":\"bench\",\"labels\":[\"production\"],"
                        + "\"model\":{\"name\":\"mock0\"},\"guardrails\":\"bench/default@production\"}",
                "application/json"));
        HttpResponse<String> key = check(ServerProcess.send(
                base,
                ADMIN,
                "POST",
                "/api/v1/api-keys",
                "{\"name\":\"bench-chat\",\"roles\":[\"chat\"]}",
                "application/json"));
        return Json.read(key.body()).get("key").asText();
    }

    private static void model(String base, String name, String url) throws Exception {
        check(ServerProcess.send(
                base,
                ADMIN,
                "POST",
                "/api/v1/models/" + name + "/versions",
                "{\"provider\":\"openai\",\"modelId\":\"" + name + "\",\"baseUrl\":\"" + url
                        + "\",\"commitMessage\":\"bench\"}",
                "application/json"));
    }

    private static HttpResponse<String> check(HttpResponse<String> response) {
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("benchmark set-up failed: " + response.body());
        }
        return response;
    }

    private static CompletableFuture<Integer> post(HttpClient client, String path, String body, String key) {
        return ConstantRateLoad.status(client.exchange(
                HttpRequest.POST(path, body).bearerAuth(key).contentType("application/json"), String.class));
    }

    private static String chat(String model, String message) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":" + message + "}]}";
    }

    /** About 1 KB of ordinary support-chat text (varied sentences: a repeated one reads as an attack to the heads). */
    private static String oneKilobyte() {
        String text =
                "Hello, I ordered a pair of hiking boots three weeks ago and they arrived yesterday. Unfortunately"
                        + " the left boot has a small tear near the laces, and the box was crushed on one side. I would like to"
                        + " know whether I can exchange them for a new pair in the same size, or whether a refund is the better"
                        + " option. I still have the original receipt and the packaging. The order was paid by card and shipped"
                        + " to my home address in Lyon. Could you also tell me how long an exchange usually takes? I am going on"
                        + " a trip at the end of next month and would really like to have the boots by then. If I need to print"
                        + " a return label, please explain where I can find it on the website, because I could not see it in"
                        + " my account page. Thank you for your help, and sorry for the long message. I have been a customer"
                        + " for several years and I have always been happy with your service, so I hope we can sort this out"
                        + " quickly. Best regards, and have a nice day. Anna from the mountain club.";
        return text.substring(0, Math.min(1000, text.length()));
    }

    private static java.net.URL root(MockUpstream mock) throws java.net.MalformedURLException {
        return URI.create(mock.baseUrl().replaceFirst("/v1$", "")).toURL();
    }

    private static long p(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile);
    }
}
