package io.parapet.server.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The same load from a tool that is not ours: {@code hey} (Debian's package), so the figures do not rest on our own
 * load generator alone. hey is closed-loop ({@code -c} workers, each at most {@code -q} requests a second), so a
 * stall lowers its rate instead of showing in its latencies; the constant-rate rows are the stricter measure.
 */
final class HeyLoad {
    private static final Pattern PERCENTILE = Pattern.compile("\\s+(\\d+)% in ([0-9.]+) secs");
    private static final Pattern TRANSPORT_ERROR = Pattern.compile("\\[(\\d+)]\\s");
    private static final Pattern STATUS = Pattern.compile("\\s+\\[(\\d{3})]\\s+(\\d+) responses");

    record Result(double p50Millis, double p99Millis, long ok, long failed) {
        String summary() {
            return String.format("p50 %.2f ms, p99 %.2f ms, %d ok, %d failed", p50Millis, p99Millis, ok, failed);
        }
    }

    private HeyLoad() {}

    static boolean installed() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, "hey"))) {
                return true;
            }
        }
        return false;
    }

    /** {@code rate} requests a second (10 workers) for {@code seconds}, POSTing {@code body} with a bearer key. */
    static Result post(String url, String key, String body, int rate, int seconds)
            throws IOException, InterruptedException {
        return parse(run(
                url,
                key,
                body,
                List.of("-z", seconds + "s", "-c", "10", "-q", String.valueOf(Math.max(1, rate / 10)))));
    }

    /** Closed-loop throughput: {@code requests} POSTs by {@code concurrency} workers; returns requests a second. */
    static double throughput(String url, String key, String body, int concurrency, int requests)
            throws IOException, InterruptedException {
        String out = run(url, key, body, List.of("-n", String.valueOf(requests), "-c", String.valueOf(concurrency)));
        Matcher rate = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(out);
        if (!rate.find()) {
            throw new IllegalStateException("no Requests/sec in hey's output: " + out);
        }
        return Double.parseDouble(rate.group(1));
    }

    /** Runs hey with {@code load} options, POSTing {@code body} with a bearer key; returns what it printed. */
    private static String run(String url, String key, String body, List<String> load)
            throws IOException, InterruptedException {
        Path bodyFile = Files.createTempFile("hey-body", ".json");
        try {
            Files.writeString(bodyFile, body);
            List<String> command = new ArrayList<>(List.of("hey"));
            command.addAll(load);
            command.addAll(List.of(
                    "-m",
                    "POST",
                    "-T",
                    "application/json",
                    "-H",
                    "Authorization: Bearer " + key,
                    "-D",
                    bodyFile.toString(),
                    url));
            Process hey = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(hey.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (hey.waitFor() != 0) {
                throw new IllegalStateException("hey failed: " + out);
            }
            return out;
        } finally {
            Files.deleteIfExists(bodyFile);
        }
    }

    static Result parse(String out) {
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        Matcher percentile = PERCENTILE.matcher(out);
        while (percentile.find()) {
            double millis = Double.parseDouble(percentile.group(2)) * 1000;
            switch (percentile.group(1)) {
                case "50" -> p50 = millis;
                case "99" -> p99 = millis;
                default -> {}
            }
        }
        long ok = 0;
        long failed = 0;
        Matcher status = STATUS.matcher(out);
        while (status.find()) {
            long count = Long.parseLong(status.group(2));
            if (status.group(1).startsWith("2")) {
                ok += count;
            } else {
                failed += count;
            }
        }
        int errors = out.indexOf("Error distribution");
        if (errors >= 0) { // transport errors, listed as "[count]  message"
            Matcher error = TRANSPORT_ERROR.matcher(out.substring(errors));
            while (error.find()) {
                failed += Long.parseLong(error.group(1));
            }
        }
        return new Result(p50, p99, ok, failed);
    }
}
