package io.parapet.deployer.target;

import io.parapet.deployer.manifests.ReleaseDeployment;
import io.parapet.deployer.manifests.Workload;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a release on this machine, local mode's default target: one process per deployment on a free port of
 * 127.0.0.1, with its output captured to a file, health-checked, and stopped on undeploy or when the server stops.
 *
 * <p>{@code deployment.image()} is either a release image as an OCI archive ({@code oci-archive:/path/release.tar}),
 * unpacked with umoci and run from its own root filesystem (see {@link ImageProcess}), or a server jar ({@code
 * /path/parapet.jar}) run as a plain child process. {@code deployment.releaseJson()} is the release bundle and {@code
 * deployment.chatKeysSecret()} the folder holding the chat keys' hashes. Replicas, resources and canaries are a
 * cluster's business: here one process serves, and the canary split happens in the gateway either way.
 */
public class LocalTarget implements DeployTarget, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalTarget.class);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Pattern EXCEPTION = Pattern.compile("^(?:Caused by: )?[\\w.$]+(?:Exception|Error): (.+)$");

    private final Path root;
    private final Isolation isolation;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final Thread stopAll = new Thread(this::close, "parapet-local-target-stop");

    record Running(Process process, int port, Path log) {}

    /**
     * @param root where each deployment gets its folder ({@code <namespace>/<name>}: release, rootfs, output)
     * @param isolation how an image runs; {@link Isolation#best()} picks bwrap, then proot
     */
    public LocalTarget(Path root, Isolation isolation) {
        this.root = root;
        this.isolation = isolation;
        Runtime.getRuntime().addShutdownHook(stopAll);
    }

    @Override
    public String kind() {
        return "local";
    }

    @Override
    public TargetStatus deploy(Workload workload, Duration timeout) {
        if (!(workload instanceof ReleaseDeployment d)) {
            throw new DeployFailure(new TargetStatus(
                    "failed",
                    0,
                    1,
                    null,
                    "the local target runs release gateways only; a model server needs a cluster"));
        }
        d.checked(); // the name and namespace become folder names: DNS labels only
        undeploy(d.namespace(), d.name());
        Path dir = root.resolve(d.namespace()).resolve(d.name());
        Running started;
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("release.json"), d.releaseJson());
            int port = freePort();
            Path log = dir.resolve("output.log");
            ProcessBuilder command = d.image().startsWith("oci-archive:")
                    ? ImageProcess.prepare(
                            Path.of(d.image().substring("oci-archive:".length())), dir, keys(d), port, isolation)
                    : ImageProcess.jar(Path.of(d.image()), dir, keys(d), port);
            command.redirectErrorStream(true).redirectOutput(log.toFile());
            started = new Running(command.start(), port, log);
        } catch (IOException | RuntimeException e) {
            throw new DeployFailure(new TargetStatus("failed", 0, 1, null, "cannot start: " + e.getMessage()));
        }
        running.put(key(d.namespace(), d.name()), started);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            TargetStatus now = status(d.namespace(), d.name());
            if (now.isReady()) {
                LOG.info("local deployment {}/{} serves at {}", d.namespace(), d.name(), now.endpoint());
                return now;
            }
            if (now.state().equals("failed")) {
                throw new DeployFailure(now);
            }
            if (System.nanoTime() > deadline) {
                TargetStatus failed = new TargetStatus(
                        "failed",
                        0,
                        1,
                        now.endpoint(),
                        "not healthy after " + timeout.toSeconds() + " s; last output: "
                                + String.join(" | ", tail(started.log(), 5)));
                stop(started);
                throw new DeployFailure(failed);
            }
            sleep();
        }
    }

    private static Path keys(ReleaseDeployment d) {
        Path keys = Path.of(d.chatKeysSecret());
        if (!keys.isAbsolute() || !Files.isDirectory(keys)) {
            throw new IllegalArgumentException(
                    "chatKeysSecret must be a folder of chat key hashes on this machine for the local target");
        }
        return keys;
    }

    @Override
    public TargetStatus status(String namespace, String name) {
        Running r = running.get(key(namespace, name));
        if (r == null) {
            return TargetStatus.absent();
        }
        String endpoint = "http://127.0.0.1:" + r.port();
        if (!r.process().isAlive()) {
            return new TargetStatus(
                    "failed", 0, 1, endpoint, "exited with " + r.process().exitValue() + ": " + cause(r.log()));
        }
        return healthy(endpoint)
                ? new TargetStatus("ready", 1, 1, endpoint, null)
                : new TargetStatus("progressing", 0, 1, endpoint, "starting");
    }

    @Override
    public List<String> logs(String namespace, String name, int lines) {
        Running r = running.get(key(namespace, name));
        return r == null ? List.of() : tail(r.log(), lines);
    }

    @Override
    public void undeploy(String namespace, String name) {
        Running r = running.remove(key(namespace, name));
        if (r != null) {
            stop(r);
        }
        Path dir = root.resolve(namespace).resolve(name);
        try {
            Folders.deleteTree(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir, e);
        }
    }

    /** Stops every process this target started (the server is stopping). */
    @Override
    public void close() {
        running.values().forEach(LocalTarget::stop);
        running.clear();
        try {
            Runtime.getRuntime().removeShutdownHook(stopAll);
        } catch (IllegalStateException shuttingDown) {
            // Called from the hook itself.
        }
    }

    /** Terminates the process and what it started (proot's and bwrap's children), then kills what lingers. */
    private static void stop(Running r) {
        List<ProcessHandle> all = new ArrayList<>(r.process().descendants().toList());
        all.add(r.process().toHandle());
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
    }

    private static boolean healthy(String endpoint) {
        try {
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create(endpoint + "/health"))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("UP");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The process's own last word on why it stopped: its last exception's message, else its last lines. */
    static String cause(Path log) {
        List<String> lines = tail(log, 300);
        for (int i = lines.size() - 1; i >= 0; i--) {
            Matcher m = EXCEPTION.matcher(lines.get(i));
            if (m.find()) {
                return m.group(1);
            }
        }
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }

    static List<String> tail(Path log, int lines) {
        try {
            if (!Files.exists(log)) {
                return List.of();
            }
            List<String> all = Files.readAllLines(log, java.nio.charset.StandardCharsets.UTF_8);
            return List.copyOf(all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of("(output unreadable: " + e.getMessage() + ")");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployFailure(new TargetStatus("failed", 0, 1, null, "interrupted"));
        }
    }
}
