package io.parapet.deployer.target;

import com.fasterxml.jackson.databind.JsonNode;
import io.parapet.core.Json;
import io.parapet.deployer.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command that runs a release on this machine, the udocker way: the image is unpacked with umoci (rootless) and
 * its own entrypoint runs from its own root filesystem, on its own Java and libraries, with the chat keys' folder
 * mounted where the manifests mount the Secret. Or, without an image, the server jar as a child process.
 */
final class ImageProcess {
    static final String KEYS_PATH = "/var/run/parapet/keys";

    private ImageProcess() {}

    /** Unpacks the OCI archive into {@code dir} and returns the command that runs its entrypoint on {@code port}. */
    static ProcessBuilder prepare(Path archive, Path dir, Path keys, int port, Isolation isolation) throws IOException {
        if (!Files.isRegularFile(archive)) {
            throw new IOException("no image archive at " + archive);
        }
        for (String tool : List.of("skopeo", "umoci")) {
            if (Commands.find(tool).isEmpty()) {
                throw new IOException(tool + " is not installed: it is needed to run an image (or deploy the jar)");
            }
        }
        Path layout = dir.resolve("layout");
        Path bundle = dir.resolve("bundle");
        Commands.run(List.of("skopeo", "copy", "-q", "oci-archive:" + archive, "oci:" + layout + ":run"));
        Commands.run(List.of("umoci", "unpack", "--rootless", "--image", layout + ":run", bundle.toString()));
        JsonNode process =
                Json.read(Files.readString(bundle.resolve("config.json"))).path("process");
        List<String> args = new ArrayList<>();
        process.path("args").forEach(a -> args.add(a.asText()));
        String cwd = process.path("cwd").asText("/");
        Path rootfs = bundle.resolve("rootfs").toAbsolutePath();

        ProcessBuilder pb = new ProcessBuilder();
        Map<String, String> env = pb.environment();
        env.clear();
        process.path("env").forEach(e -> {
            String[] kv = e.asText().split("=", 2);
            env.put(kv[0], kv.length > 1 ? kv[1] : "");
        });
        env.put("PARAPET_PORT", String.valueOf(port));
        credentials(Files.readString(dir.resolve("release.json")), env);
        List<String> command = new ArrayList<>();
        if (isolation == Isolation.BWRAP) {
            env.put("PARAPET_CHAT_KEYS_DIR", KEYS_PATH);
            command.addAll(List.of(
                    "bwrap",
                    "--bind",
                    rootfs.toString(),
                    "/",
                    "--proc",
                    "/proc",
                    "--dev",
                    "/dev",
                    "--tmpfs",
                    "/tmp",
                    "--ro-bind",
                    keys.toString(),
                    KEYS_PATH,
                    "--ro-bind",
                    "/etc/resolv.conf",
                    "/etc/resolv.conf",
                    "--die-with-parent",
                    "--chdir",
                    cwd,
                    "--"));
            command.addAll(args);
        } else {
            Path work = Files.createDirectories(dir.resolve("work").toAbsolutePath());
            Files.createDirectories(work.resolve("tmp"));
            Path app = rootfs.resolve("app");
            env.put("PARAPET_CHAT_KEYS_DIR", keys.toString());
            env.put("HOME", work.toString());
            env.put("PARAPET_HOME", work.resolve("parapet").toString());
            env.put("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + work.resolve("tmp"));
            env.replaceAll((k, v) -> v.startsWith("/app/") ? app + v.substring(4) : v);
            command.addAll(List.of(
                    "proot",
                    "-R",
                    rootfs.toString(),
                    "-b",
                    app + ":" + app,
                    "-b",
                    work + ":" + work,
                    "-b",
                    keys + ":" + keys,
                    "-w",
                    cwd));
            args.forEach(a -> command.add(a.startsWith("/app/") ? app + a.substring(4) : a));
        }
        return pb.command(command);
    }

    /** The server jar as a child process, in edge-gateway mode, with none of this server's own settings. */
    static ProcessBuilder jar(Path jar, Path dir, Path keys, int port) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("no server jar at " + jar);
        }
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ProcessBuilder pb = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString());
        Map<String, String> env = pb.environment();
        // The database, master key and admin key of this server are not the edge's business.
        env.keySet().removeIf(k -> k.startsWith("PARAPET_"));
        env.put(
                "PARAPET_RELEASE_FILE",
                dir.resolve("release.json").toAbsolutePath().toString());
        env.put("PARAPET_CHAT_KEYS_DIR", keys.toString());
        env.put("PARAPET_PORT", String.valueOf(port));
        env.put("PARAPET_HOME", dir.resolve("home").toAbsolutePath().toString());
        credentials(Files.readString(dir.resolve("release.json")), env);
        return pb;
    }

    /** Passes on, from this process's environment, the variables the release names for its models' credentials. */
    private static void credentials(String bundle, Map<String, String> env) {
        io.parapet.deployer.release.CredentialRef.inRelease(bundle).forEach((model, ref) -> {
            String variable = ref.variable(model);
            String value = System.getenv(variable);
            if (value != null) {
                env.put(variable, value);
            }
        });
    }
}
