package io.parapet.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code parapet deploy render}: writes the base with the given settings, and refuses bad ones with exit 2. */
class DeployCliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return DeployCli.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void renders_the_platform_base_with_the_settings_given() throws Exception {
        Path folder = Files.createTempDirectory("deploy");
        int code = run(
                "deploy",
                "render",
                "--platform",
                "--out",
                folder.toString(),
                "--namespace",
                "llm",
                "--image",
                "registry.example.com/parapet:1.2.3",
                "--worker-replicas",
                "0");
        assertThat(code).as(err.toString()).isZero();
        assertThat(Files.readString(folder.resolve("kustomization.yaml"))).contains("namespace: llm");
        assertThat(Files.readString(folder.resolve("deployment-parapet-gateway.yaml")))
                .contains("image: \"registry.example.com/parapet:1.2.3\"");
        assertThat(folder.resolve("deployment-parapet-worker.yaml")).doesNotExist();
    }

    @Test
    void refuses_bad_settings_and_unknown_options_with_exit_2() throws Exception {
        Path folder = Files.createTempDirectory("deploy");
        assertThat(run("deploy", "render", "--platform", "--out", folder.toString(), "--namespace", "Bad NS"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("namespace");
        assertThat(run("deploy", "render", "--platform", "--out", folder.toString(), "--gateway-replicas", "x"))
                .isEqualTo(2);
        assertThat(run("deploy", "render", "--platform", "--out", folder.toString(), "--colour", "red"))
                .isEqualTo(2);
        assertThat(run("deploy", "render", "--platform")).isEqualTo(2);
        assertThat(run("deploy")).isEqualTo(2);
        try (var files = Files.list(folder)) {
            assertThat(files).as("nothing written").isEmpty();
        }
    }
}
