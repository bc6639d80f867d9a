package io.parapet.server.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.serde.ObjectMapper;
import io.parapet.core.Actor;
import io.parapet.core.test.TestDatabase;
import io.parapet.deployer.image.ImageBuilder;
import io.parapet.deployer.image.ImageSpec;
import io.parapet.deployer.manifests.ReleaseDeployment;
import io.parapet.deployer.release.ReleaseService;
import io.parapet.deployer.release.ReleaseSpec;
import io.parapet.deployer.target.Isolation;
import io.parapet.deployer.target.LocalTarget;
import io.parapet.registry.CreateVersionRequest;
import io.parapet.registry.LabelSplits;
import io.parapet.registry.PromptCache;
import io.parapet.registry.PromptService;
import io.parapet.registry.PromptType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * {@code ./parapet bench deploy}: the release image build on the real server jar (cold with an empty cache, warm
 * for a new release, and unchanged inputs again), and what a 10 % canary split adds to resolving a prompt from the
 * in-process cache, and deploy → healthy on the local target (jar, bubblewrap, proot), all measured in this run. Prints
 * a Markdown table.
 */
public final class DeployBenchmark {
    private DeployBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path jar =
                Path.of(args.length > 0 ? args[0] : "server/target/parapet.jar").toAbsolutePath();
        List<String> rows = new ArrayList<>();
        Path cache = Files.createTempDirectory("parapet-bench-images-");
        Path out = Files.createTempDirectory("parapet-bench-out-");
        ImageBuilder builder = new ImageBuilder();
        Path javaHome = Path.of(System.getProperty("java.home"));
        long t = System.nanoTime();
        ImageBuilder.Built cold =
                builder.toTar(spec(jar, javaHome, cache, 1), out.resolve("cold.tar"), "parapet/release:1");
        rows.add(BenchTable.row("release image, cold (jlink + layers from nothing)", ms(t), "recorded"));
        t = System.nanoTime();
        builder.toTar(spec(jar, javaHome, cache, 2), out.resolve("warm.tar"), "parapet/release:2");
        rows.add(BenchTable.row("release image, warm (a new release on cached layers)", ms(t), "≤ 5,000 ms"));
        t = System.nanoTime();
        ImageBuilder.Built again =
                builder.toTar(spec(jar, javaHome, cache, 1), out.resolve("again.tar"), "parapet/release:1");
        rows.add(BenchTable.row(
                "rebuild of unchanged inputs (same digest: " + again.digest().equals(cold.digest()) + ")",
                ms(t),
                "≤ 1,000 ms, same digest"));
        // The same, when the build cache has no tar of these inputs (removed, or built on another machine).
        io.parapet.deployer.target.Folders.deleteTree(cache.resolve("tars"));
        t = System.nanoTime();
        ImageBuilder.Built rebuilt =
                builder.toTar(spec(jar, javaHome, cache, 1), out.resolve("rebuilt.tar"), "parapet/release:1");
        rows.add(BenchTable.row(
                "same, with no kept tar: Jib writes it again (same digest: "
                        + rebuilt.digest().equals(cold.digest()) + ")",
                ms(t),
                "recorded"));
        rows.add(BenchTable.row(
                "image size (OCI tar)", Files.size(out.resolve("cold.tar")) / (1024 * 1024) + " MiB", "recorded"));
        rows.addAll(localTarget(jar, javaHome, cache, out));
        rows.addAll(splitCost());
        BenchTable.print("Deploy benchmark", rows);
    }

    private static ImageSpec spec(Path jar, Path javaHome, Path cache, int release) {
        String digest = "sha256:" + String.format("%064x", release);
        return new ImageSpec(
                jar, null, javaHome, "{\"id\":" + release + ",\"digest\":\"" + digest + "\"}", digest, Map.of(), cache);
    }

    /**
     * Deploy → healthy on the {@code local} target, for a real release served by the echo model: the jar as a child
     * process, and the release image under bubblewrap and under proot (each from unpacking to {@code /health} UP).
     */
    private static List<String> localTarget(Path jar, Path javaHome, Path cache, Path out) throws Exception {
        String bundle;
        try (ApplicationContext context = BenchTable.context(TestDatabase.create())) {
            String name = "bench/local-" + System.nanoTime();
            context.getBean(PromptService.class)
                    .createVersion(
                            name,
                            new CreateVersionRequest(
                                    PromptType.TEXT,
                                    "Hi {{q}}",
                                    null,
                                    null,
                                    null,
                                    null,
                                    "bench",
                                    List.of("production"),
                                    null,
                                    null,
                                    null,
                                    null),
                            Actor.SYSTEM);
            var releases = context.getBean(ReleaseService.class);
            long id = releases.create(new ReleaseSpec(List.of(name + "@production"), null, null), Actor.SYSTEM)
                    .value()
                    .id();
            bundle = context.getBean(ObjectMapper.class).writeValueAsString(releases.bundle(String.valueOf(id)));
        }
        String digest = io.parapet.core.Json.read(bundle).at("/release/digest").asText();
        Path tar = out.resolve("local.tar");
        new ImageBuilder()
                .toTar(
                        new ImageSpec(jar, null, javaHome, bundle, digest, Map.of(), cache),
                        tar,
                        "parapet/release:local");
        Path keys = Files.createDirectories(out.resolve("keys"));
        Files.writeString(keys.resolve("bench"), "0".repeat(64));
        List<String> rows = new ArrayList<>();
        Map<String, String> ways = new java.util.LinkedHashMap<>();
        ways.put("jar", jar.toString());
        ways.put("bwrap", "oci-archive:" + tar);
        ways.put("proot", "oci-archive:" + tar);
        for (var way : ways.entrySet()) {
            Isolation isolation = way.getKey().equals("bwrap") ? Isolation.BWRAP : Isolation.PROOT;
            try (LocalTarget target = new LocalTarget(out.resolve("deployments"), isolation)) {
                var d = new ReleaseDeployment(
                        way.getKey(),
                        "bench",
                        way.getValue(),
                        id(bundle),
                        digest,
                        bundle,
                        1,
                        "1",
                        "1Gi",
                        keys.toString(),
                        0,
                        false,
                        false,
                        null,
                        0,
                        null,
                        null,
                        null);
                long t = System.nanoTime();
                target.deploy(d, java.time.Duration.ofMinutes(2));
                rows.add(BenchTable.row(
                        "local target, deploy → healthy ("
                                + (way.getKey().equals("jar")
                                        ? "jar as a child process"
                                        : "release image under " + way.getKey())
                                + ")",
                        ms(t),
                        "≤ 15,000 ms"));
                target.undeploy("bench", way.getKey());
            }
        }
        return rows;
    }

    private static long id(String bundle) {
        return io.parapet.core.Json.read(bundle).at("/release/id").asLong();
    }

    /** Resolution of prompt:name@production with and without a split, alternating rounds, in one context. */
    private static List<String> splitCost() {
        try (ApplicationContext context = BenchTable.context(TestDatabase.create())) {
            PromptService prompts = context.getBean(PromptService.class);
            String name = "bench/canary-" + System.nanoTime();
            for (String text : List.of("stable {{q}}", "canary {{q}}")) {
                prompts.createVersion(
                        name,
                        new CreateVersionRequest(
                                PromptType.TEXT,
                                text,
                                null,
                                null,
                                null,
                                null,
                                "bench",
                                text.startsWith("stable") ? List.of("production") : null,
                                null,
                                null,
                                null,
                                null),
                        Actor.SYSTEM);
            }
            PromptCache cache = context.getBean(PromptCache.class);
            Histogram plain = new Histogram(3);
            Histogram split = new Histogram(3);
            for (int round = 0; round < 4; round++) {
                time(cache, name, plain, round > 0);
            }
            context.getBean(LabelSplits.class).split(name, "production", 2, 10, "bench", Actor.SYSTEM);
            for (int round = 0; round < 4; round++) {
                time(cache, name, split, round > 0);
            }
            double added = (split.getValueAtPercentile(50) - plain.getValueAtPercentile(50)) / 1000.0;
            return List.of(
                    BenchTable.row("resolve name@production from the cache, no split", summary(plain), "reference"),
                    BenchTable.row("same, label split 90/10 (sticky per caller)", summary(split), "reference"),
                    BenchTable.row("added by the split at the median", String.format("%.2f µs", added), "≤ 50 µs"));
        }
    }

    private static void time(PromptCache cache, String name, Histogram h, boolean record) {
        for (int i = 0; i < 200_000; i++) {
            long t = System.nanoTime();
            cache.route(name, "production", null, "caller-" + (i % 5000));
            if (record) {
                h.recordValue(Math.max(1, System.nanoTime() - t));
            }
        }
    }

    private static String summary(Histogram h) {
        return String.format(
                "p50 %.2f µs, p99 %.2f µs", h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0);
    }

    private static String ms(long start) {
        return (System.nanoTime() - start) / 1_000_000 + " ms";
    }
}
