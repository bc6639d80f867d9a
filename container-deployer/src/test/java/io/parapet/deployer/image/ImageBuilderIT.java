package io.parapet.deployer.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parapet.core.Json;
import io.parapet.core.ParapetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images without a daemon, checked with the tools users have: a release image on the local runtime (jlink-ed JRE +
 * this machine's libraries) pushed to a real registry and read back with {@code skopeo inspect}; the same inputs give
 * the same digest; the OCI layout tar unpacks with umoci and its Java runs under proot; a push the registry refuses
 * for authentication is a clear error and tags nothing. {@code .ci/run} installs the tools.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageBuilderIT {
    private static final String RELEASE = "{\"id\":7,\"digest\":\"sha256:" + "ab".repeat(32) + "\"}";

    @TempDir
    Path folder;

    private ImageSpec spec;

    @BeforeAll
    void inputs(@TempDir Path inputs) throws Exception {
        assumeTrue(Files.isExecutable(LocalRegistry.BINARY), "docker-registry is installed by .ci/run");
        Path jar = inputs.resolve("app.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new JarEntry("hello.txt"));
            out.write("hello".getBytes(StandardCharsets.UTF_8));
        }
        spec = new ImageSpec(
                jar,
                null,
                Path.of(System.getProperty("java.home")),
                RELEASE,
                "sha256:" + "ab".repeat(32),
                Map.of("org.opencontainers.image.revision", "0123abc"),
                Path.of(System.getProperty("java.io.tmpdir"), "parapet-image-cache-test"));
    }

    @Test
    void a_release_image_pushed_to_a_registry_reads_back_with_its_labels() throws Exception {
        try (LocalRegistry registry = new LocalRegistry(folder, null)) {
            String ref = registry.reference("parapet/release:7");
            ImageBuilder.Built built = new ImageBuilder().push(spec, ref, null);
            assertThat(built.digest()).matches("sha256:[0-9a-f]{64}");

            JsonNode inspected = Json.read(run("skopeo", "inspect", "--tls-verify=false", "docker://" + ref));
            assertThat(inspected.get("Digest").asText()).isEqualTo(built.digest());
            JsonNode labels = inspected.get("Labels");
            assertThat(labels.get(ImageBuilder.RELEASE_DIGEST_LABEL).asText()).isEqualTo("sha256:" + "ab".repeat(32));
            assertThat(labels.get("org.opencontainers.image.revision").asText()).isEqualTo("0123abc");
            assertThat(labels.has("org.opencontainers.image.source")).isTrue();
            assertThat(inspected.get("Layers").size())
                    .as("runtime, platform, release")
                    .isEqualTo(3);
            JsonNode config = Json.read(run("skopeo", "inspect", "--config", "--tls-verify=false", "docker://" + ref));
            assertThat(config.at("/config/User").asText()).isEqualTo("65532:65532");
            assertThat(config.at("/config/Env").toString()).contains("PARAPET_RELEASE_FILE=/app/release.json");
        }
    }

    @Test
    void the_same_inputs_give_the_same_digest_and_the_tar_runs_under_proot() throws Exception {
        ImageBuilder.Built first = new ImageBuilder().toTar(spec, folder.resolve("one.tar"), "parapet/release:7");
        // A real second build, not the tar the build cache kept: the same inputs give the same bytes.
        io.parapet.deployer.target.Folders.deleteTree(spec.cache().resolve("tars"));
        ImageBuilder.Built again = new ImageBuilder().toTar(spec, folder.resolve("two.tar"), "parapet/release:7");
        assertThat(again).isEqualTo(first);
        assertThat(Files.mismatch(folder.resolve("one.tar"), folder.resolve("two.tar")))
                .isEqualTo(-1);
        // Unchanged inputs again: the kept tar, byte for byte, and building over it leaves the kept one intact.
        ImageBuilder.Built kept = new ImageBuilder().toTar(spec, folder.resolve("two.tar"), "parapet/release:7");
        assertThat(kept).isEqualTo(first);
        assertThat(Files.mismatch(folder.resolve("one.tar"), folder.resolve("two.tar")))
                .isEqualTo(-1);
        ImageBuilder.Built platform = new ImageBuilder()
                .toTar(
                        new ImageSpec(spec.platformJar(), null, spec.javaHome(), null, null, Map.of(), spec.cache()),
                        folder.resolve("platform.tar"),
                        "parapet/platform:1");
        assertThat(platform.digest()).as("no release, another image").isNotEqualTo(first.digest());

        assumeTrue(Files.isExecutable(Path.of("/usr/bin/umoci")) && Files.isExecutable(Path.of("/usr/bin/proot")));
        run("skopeo", "copy", "oci-archive:" + folder.resolve("one.tar"), "oci:" + folder.resolve("layout") + ":7");
        run(
                "umoci",
                "unpack",
                "--rootless",
                "--image",
                folder.resolve("layout") + ":7",
                folder.resolve("bundle").toString());
        Path rootfs = folder.resolve("bundle/rootfs");
        assertThat(Files.readString(rootfs.resolve("app/release.json"))).isEqualTo(RELEASE);
        String version = run("proot", "-R", rootfs.toString(), LocalRuntime.JAVA_HOME + "/bin/java", "-version");
        assertThat(version)
                .as("the image's own Java, on the image's own libraries")
                .contains("Runtime Environment");
    }

    @Test
    void a_push_the_registry_refuses_for_authentication_is_a_clear_error_and_tags_nothing() throws Exception {
        Path htpasswd = folder.resolve("htpasswd");
        assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/htpasswd")), "htpasswd (apache2-utils) is installed by .ci/run");
        run("htpasswd", "-Bbc", htpasswd.toString(), "ci", "right-password");
        try (LocalRegistry registry = new LocalRegistry(folder, htpasswd)) {
            String ref = registry.reference("parapet/locked:1");
            assertThatThrownBy(() -> new ImageBuilder().push(spec, ref, new RegistryLogin("ci", "wrong-password")))
                    .isInstanceOf(ParapetException.class)
                    .hasMessageContaining("refused the credentials")
                    .hasMessageNotContaining("wrong-password");
            assertThat(registry.hasTags("parapet/locked")).isFalse();
            new ImageBuilder().push(spec, ref, new RegistryLogin("ci", "right-password"));
            assertThat(registry.hasTags("parapet/locked")).isTrue();
        }
    }

    @Test
    void plain_http_is_allowed_only_for_a_registry_on_this_machine() {
        assertThat(ImageBuilder.isLocal("127.0.0.1:5000")).isTrue();
        assertThat(ImageBuilder.isLocal("localhost:5000")).isTrue();
        assertThat(ImageBuilder.isLocal("registry.example.com")).isFalse();
        assertThat(ImageBuilder.isLocal("127.0.0.1.example.com:5000")).isFalse();
    }

    private static String run(String... command) throws Exception {
        Process p =
                new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }
}
