package io.parapet.deployer.image;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real OCI registry for tests: Debian's {@code docker-registry} (the distribution registry) on 127.0.0.1 with its
 * storage in a temporary folder; with {@code htpasswd} set, every request needs basic authentication.
 */
final class LocalRegistry implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/docker-registry");

    private final Process process;
    private final Path storage;
    final int port;

    LocalRegistry(Path folder, Path htpasswd) throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        storage = folder.resolve("storage");
        String auth = htpasswd == null ? "" : "auth:\n  htpasswd:\n    realm: test\n    path: " + htpasswd + "\n";
        Path config = folder.resolve("config.yml");
        Files.writeString(
                config,
                "version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: " + storage
                        + "\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:" + port + "\n" + auth);
        process = new ProcessBuilder(BINARY.toString(), "serve", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve("registry.log").toFile())
                .start();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new IllegalStateException(
                            "the registry did not start: " + Files.readString(folder.resolve("registry.log")));
                }
                Thread.sleep(100);
            }
        }
    }

    String reference(String repository) {
        return "127.0.0.1:" + port + "/" + repository;
    }

    /** Whether any tag of {@code repository} was written to storage. */
    boolean hasTags(String repository) {
        return Files.exists(storage.resolve("docker/registry/v2/repositories/" + repository + "/_manifests/tags"));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
