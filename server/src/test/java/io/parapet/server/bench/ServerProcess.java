package io.parapet.server.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The packaged server as a separate process, as the benchmarks run it: start, wait until healthy, measure RSS. */
final class ServerProcess {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private ServerProcess() {}

    static Process start(Path jar, int port, Map<String, String> env, Path workDir) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED"));
        command.addAll(List.of(System.getProperty("bench.serverJvmArgs", "").split(" ")).stream()
                .filter(a -> !a.isBlank())
                .toList());
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        builder.environment().put("PARAPET_PORT", String.valueOf(port));
        builder.environment().put("PARAPET_LOG_LEVEL", "WARN");
        if (workDir != null) {
            builder.directory(workDir.toFile());
        }
        String log = System.getProperty("bench.serverLog"); // a file for the server's output, when debugging
        builder.redirectErrorStream(true)
                .redirectOutput(
                        log == null
                                ? ProcessBuilder.Redirect.DISCARD
                                : ProcessBuilder.Redirect.appendTo(new java.io.File(log)));
        return builder.start();
    }

    static void awaitHealthy(String base, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (HTTP.send(
                                        HttpRequest.newBuilder(URI.create(base + "/health"))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // the port is not open yet
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException(base + " did not become healthy within " + timeout);
    }

    static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * The server in production mode on the test database {@code db} ({@code TestDatabase.create()}), with {@code
     * adminKey} bootstrapped and any extra environment ({@code PARAPET_GATEWAY_…}) on top.
     */
    static Process startOnPostgres(
            Path jar, int port, Map<String, String> db, String adminKey, Map<String, String> extraEnv)
            throws IOException {
        Map<String, String> env = new java.util.HashMap<>(extraEnv);
        env.put("PARAPET_DB_URL", db.get("datasources.default.url"));
        env.put("PARAPET_DB_USER", db.get("datasources.default.username"));
        env.put("PARAPET_DB_PASSWORD", db.get("datasources.default.password"));
        env.put("PARAPET_BOOTSTRAP_ADMIN_KEY", adminKey);
        env.put("PARAPET_OUTBOUND_ALLOWED_PRIVATE_NETWORKS", "127.0.0.0/8");
        env.put("PARAPET_MASTER_KEY", db.get("parapet.master-key"));
        return start(jar, port, env, null);
    }

    /** A request with a key and a body, for setting up a benchmark. */
    static HttpResponse<String> send(String base, String key, String method, String path, String body, String type)
            throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", type)
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
