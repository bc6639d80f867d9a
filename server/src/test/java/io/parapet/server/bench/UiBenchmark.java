package io.parapet.server.bench;

import io.parapet.core.Json;
import io.parapet.core.test.TestDatabase;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * The web UI's benchmark ({@code ./parapet bench ui}): the packaged server on PostgreSQL, seeded with 1,000
 * prompts of 20 versions each (labels on every prompt), a signed-in browser session, and each page requested
 * one at a time, so the figures are render times (one loopback round trip included), not queueing.
 */
public final class UiBenchmark {
    private static final String KEY = "pk_bench-admin-key-000000000000000000000000";
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private UiBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path jar =
                Path.of(args.length > 0 ? args[0] : "server/target/parapet.jar").toAbsolutePath();
        int prompts = Integer.getInteger("bench.prompts", 1000);
        int versions = Integer.getInteger("bench.versions", 20);
        int samples = Integer.getInteger("bench.samples", 300);
        int port = ServerProcess.freePort();
        Process server = ServerProcess.startOnPostgres(jar, port, TestDatabase.create(), KEY, Map.of());
        List<String> rows = new ArrayList<>();
        try {
            String base = "http://127.0.0.1:" + port;
            ServerProcess.awaitHealthy(base, Duration.ofSeconds(60));
            long seeding = System.nanoTime();
            seed(base, prompts, versions);
            System.out.printf(
                    "seeded %d prompts x %d versions in %d s%n",
                    prompts, versions, (System.nanoTime() - seeding) / 1_000_000_000);
            String cookie = signIn(base);
            String p = "team-" + (prompts / 2 % 10) + "/prompt-" + (prompts / 2);
            Map<String, String> pages = new LinkedHashMap<>();
            pages.put("prompt list (page 1 of 40, by name)", "/ui/prompts");
            pages.put("prompt list, search 'prompt-5', sorted by change", "/ui/prompts?q=prompt-5&sort=-updated");
            pages.put("prompt list, folder team-3/", "/ui/prompts?folder=team-3");
            pages.put("prompt detail (20 versions, labels, history)", "/ui/prompt?name=" + q(p));
            pages.put("diff v1 -> v20", "/ui/prompt/diff?name=" + q(p) + "&from=1&to=" + versions);
            pages.put(
                    "promote confirmation (with diff)",
                    "/ui/prompt/promote?name=" + q(p) + "&label=production&version=" + versions);
            pages.put("new-version editor (with live check)", "/ui/prompt/new?name=" + q(p));
            pages.put("playground (prompt loaded)", "/ui/playground?prompt=" + q(p));
            pages.put("models", "/ui/models");
            pages.put("audit log", "/ui/admin/audit");
            for (var page : pages.entrySet()) {
                Histogram h = measure(base + page.getValue(), cookie, samples);
                rows.add(String.format(
                        "| %s | %.1f | %.1f | %.1f | ≤ 50 ms p95 %s |",
                        page.getKey(),
                        h.getValueAtPercentile(50) / 1000.0,
                        h.getValueAtPercentile(95) / 1000.0,
                        h.getValueAtPercentile(99) / 1000.0,
                        h.getValueAtPercentile(95) <= 50_000 ? "✔" : "✘"));
            }
        } finally {
            server.destroy();
            server.waitFor();
        }
        System.out.println();
        System.out.println(
                "UI benchmark, " + LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors()
                        + " cores, Java " + Runtime.version().feature() + ", " + prompts + " prompts x " + versions
                        + " versions, " + samples + " sequential requests per page");
        System.out.println();
        System.out.println("| page | p50 ms | p95 ms | p99 ms | target |");
        System.out.println("|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    private static Histogram measure(String url, String cookie, int samples) throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie).build();
        for (int i = 0; i < Math.max(50, samples / 3); i++) { // warm-up: JIT and caches
            check(HTTP.send(request, HttpResponse.BodyHandlers.ofString()), url);
        }
        Histogram h = new Histogram(60_000_000L, 3);
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            h.recordValue((System.nanoTime() - start) / 1000);
            check(response, url);
        }
        return h;
    }

    private static void check(HttpResponse<String> response, String url) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
    }

    /** 1,000 prompts in 10 folders, 20 versions each, with production and staging labels. */
    private static void seed(String base, int prompts, int versions) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < prompts; i++) {
                String name = "team-" + (i % 10) + "/prompt-" + i;
                done.add(pool.submit(() -> {
                    for (int v = 1; v <= versions; v++) {
                        String labels = v == versions / 2
                                ? ",\"labels\":[\"production\"]"
                                : v == versions ? ",\"labels\":[\"staging\"]" : "";
                        String body = "{\"type\":\"text\",\"template\":" + Json.write(template(v))
                                + ",\"commitMessage\":\"revision " + v + "\",\"tags\":[\"bench\",\"t" + (v % 3) + "\"]"
                                + ",\"model\":{\"name\":\"echo\"}" + labels + "}";
                        var r = ServerProcess.send(
                                base, KEY, "POST", "/api/v1/prompts/" + name + "/versions", body, "application/json");
                        if (r.statusCode() != 201) {
                            throw new IllegalStateException("seeding failed: " + r.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** About 1 KB of template that changes a little from version to version. */
    private static String template(int version) {
        StringBuilder t = new StringBuilder("You help {{customer}} with {{product}}. Revision " + version + ".\n");
        for (int line = 0; t.length() < 1000; line++) {
            t.append(line % 7 == version % 7 ? "Changed in revision " + version : "Answer briefly and cite the docs")
                    .append(", rule ")
                    .append(line)
                    .append(".\n");
        }
        return t.toString();
    }

    private static String signIn(String base) throws Exception {
        HttpResponse<String> form = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/ui/login")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]*)\"").matcher(form.body());
        if (!token.find()) {
            throw new IllegalStateException("no sign-in form");
        }
        String formCookie =
                form.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        HttpResponse<String> signedIn = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/ui/login"))
                        .header("Cookie", formCookie)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + q(token.group(1)) + "&key=" + q(KEY)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return signedIn.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("parapet_session="))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("sign-in failed: " + signedIn.statusCode()))
                .split(";")[0];
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
