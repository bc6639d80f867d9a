package io.parapet.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parapet.core.ContentHash;
import io.parapet.core.Json;
import io.parapet.core.ParapetException;
import io.parapet.deployer.image.ImageBuilder;
import io.parapet.deployer.image.ImageSpec;
import io.parapet.deployer.manifests.ReleaseDeployment;
import io.parapet.deployer.target.DeployFailure;
import io.parapet.deployer.target.Isolation;
import io.parapet.deployer.target.LocalTarget;
import io.parapet.deployer.target.TargetStatus;
import io.parapet.server.ServerTestSupport;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code local} target running a real release: the server jar as a child process, and the release image (built
 * here with Jib on the jlink-ed runtime) unpacked with umoci and run under proot and under bubblewrap. Each answers
 * {@code /health} and a chat through the echo model with a chat key given as a hash, and stops on undeploy; a
 * process that dies at start fails the deploy with its own words, at once.
 */
@MicronautTest(environments = "postgres", transactional = false)
class LocalTargetIT extends ServerTestSupport {
    private static final String KEY = "pk_local-target-key-00000000000000000000000";
    private static final Path JAR = Path.of("target/parapet.jar").toAbsolutePath();

    @TempDir
    Path folder;

    private String bundle;
    private Path keys;

    @BeforeAll
    void release(@TempDir Path shared) throws Exception {
        bundle = get("/api/v1/releases/" + releaseOfEchoPrompt("local/greeter") + "/bundle", "viewer")
                .body();
        keys = Files.createDirectories(shared.resolve("keys"));
        Files.writeString(keys.resolve("app"), ContentHash.sha256(KEY));
        assertThat(JAR).as("the failsafe run follows the package phase").exists();
    }

    private ReleaseDeployment deployment(String name, String image, Path keyFolder) {
        return new ReleaseDeployment(
                name,
                "test",
                image,
                1,
                "sha256:" + "cd".repeat(32),
                bundle,
                1,
                "1",
                "1Gi",
                keyFolder.toString(),
                0,
                false,
                false,
                null,
                0,
                null,
                null,
                null);
    }

    private Path image() throws Exception {
        Path tar = folder.resolve("release.tar");
        String digest = Json.read(bundle).at("/release/digest").asText();
        new ImageBuilder()
                .toTar(
                        new ImageSpec(
                                JAR,
                                null,
                                Path.of(System.getProperty("java.home")),
                                bundle,
                                digest,
                                Map.of(),
                                Path.of("target/image-cache")),
                        tar,
                        "parapet/release:test");
        return tar;
    }

    @Test
    void the_jar_runs_as_a_child_process_and_stops_on_undeploy() throws Exception {
        try (LocalTarget target = new LocalTarget(folder.resolve("deployments"), Isolation.PROOT)) {
            TargetStatus ready = servesAndStops(target, deployment("jar", JAR.toString(), keys));
            assertThat(ready.endpoint()).startsWith("http://127.0.0.1:");
        }
    }

    @Test
    void the_release_image_runs_under_proot_from_its_own_root_filesystem() throws Exception {
        String image = "oci-archive:" + image();
        try (LocalTarget target = new LocalTarget(folder.resolve("deployments"), Isolation.PROOT)) {
            servesAndStops(target, deployment("proot", image, keys));
        }
    }

    @Test
    void the_release_image_runs_under_bubblewrap() throws Exception {
        assertThat(Isolation.best()).as(".ci/run installs bubblewrap").hasValue(Isolation.BWRAP);
        String image = "oci-archive:" + image();
        try (LocalTarget target = new LocalTarget(folder.resolve("deployments"), Isolation.BWRAP)) {
            servesAndStops(target, deployment("bwrap", image, keys));
        }
    }

    private TargetStatus servesAndStops(LocalTarget target, ReleaseDeployment d) throws Exception {
        long started = System.nanoTime();
        TargetStatus ready = target.deploy(d, Duration.ofSeconds(120));
        System.out.printf("local target (%s): healthy in %d ms%n", d.name(), (System.nanoTime() - started) / 1_000_000);
        assertThat(ready.state()).isEqualTo("ready");

        HttpResponse<String> chat = chat(ready.endpoint(), KEY);
        assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
        assertThat(chat.headers().firstValue("x-parapet-prompt-version")).hasValue("local/greeter#1");
        assertThat(chat.body()).contains("\"content\":\"hi there\"");
        assertThat(chat(ready.endpoint(), KEYS.get("chat")).statusCode()).isEqualTo(401);
        assertThat(target.logs("test", d.name(), 200)).anyMatch(l -> l.contains("Parapet edge gateway at"));

        target.undeploy("test", d.name());
        assertThat(target.status("test", d.name()).state()).isEqualTo("absent");
        assertThatThrownBy(() -> chat(ready.endpoint(), KEY))
                .as("the process is gone")
                .isInstanceOf(ConnectException.class);
        return ready;
    }

    @Test
    void a_process_that_dies_at_start_fails_the_deploy_with_its_own_words_before_the_timeout() throws Exception {
        Path raw = Files.createDirectories(folder.resolve("raw-keys"));
        Files.writeString(raw.resolve("leaked"), KEY);
        try (LocalTarget target = new LocalTarget(folder.resolve("deployments"), Isolation.PROOT)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> target.deploy(deployment("dies", JAR.toString(), raw), Duration.ofSeconds(120)))
                    .isInstanceOf(DeployFailure.class)
                    .hasMessageContaining("exited with")
                    .hasMessageContaining("must hold the key's SHA-256");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(110));
            assertThat(target.status("test", "dies").state()).isEqualTo("failed");
            target.undeploy("test", "dies");
        }
    }

    @Test
    void a_name_that_is_not_a_dns_label_or_a_missing_image_changes_nothing() throws Exception {
        try (LocalTarget target = new LocalTarget(folder.resolve("deployments"), Isolation.PROOT)) {
            assertThatThrownBy(
                            () -> target.deploy(deployment("../escape", JAR.toString(), keys), Duration.ofSeconds(5)))
                    .isInstanceOf(ParapetException.class)
                    .hasMessageContaining("error(s) in the deployment");
            assertThat(folder.resolve("escape")).doesNotExist();
            assertThatThrownBy(() -> target.deploy(
                            deployment("missing", "oci-archive:/nowhere/release.tar", keys), Duration.ofSeconds(5)))
                    .isInstanceOf(DeployFailure.class)
                    .hasMessageContaining("no image archive at /nowhere/release.tar");
        }
    }

    private static HttpResponse<String> chat(String endpoint, String key) throws Exception {
        return EdgeChat.send(endpoint, key, "local/greeter@production", "hi there");
    }
}
