package io.parapet.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.env.Environment;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parapet.core.Json;
import io.parapet.server.cli.GuardrailsCli;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch command line reading a stored policy (name@label, name#version) from the server's database. */
@MicronautTest(environments = "postgres", transactional = false)
class PolicyCliIT extends ServerTestSupport {
    @Inject
    Environment environment;

    @Test
    void should_scan_with_a_stored_policy_by_label_and_by_version(@TempDir Path dir) throws Exception {
        String body = "{\"commitMessage\":\"block refunds\",\"labels\":[\"production\"],\"policy\":{\"scanners\":"
                + "[{\"type\":\"banned-patterns\",\"action\":\"block\",\"config\":{\"substrings\":[\"refund\"]}}]}}";
        assertThat(post("/api/v1/guardrails/policies/cli/refunds/versions", "publisher", body)
                        .status())
                .isEqualTo(201);
        Path in = dir.resolve("in.jsonl");
        Files.writeString(in, "{\"id\":1,\"text\":\"I want a refund\"}\n{\"id\":2,\"text\":\"hello\"}\n");

        for (String ref : List.of("cli/refunds@production", "cli/refunds#1")) {
            Path out = dir.resolve("out.jsonl");
            assertThat(cli("--policy", ref, "--in", in.toString(), "--out", out.toString()))
                    .isZero();
            List<String> lines = Files.readAllLines(out);
            assertThat(Json.read(lines.get(0)).at("/guardrails/blockedBy").asText())
                    .isEqualTo("banned-patterns");
            assertThat(Json.read(lines.get(1)).at("/guardrails/blocked").asBoolean())
                    .isFalse();
        }
    }

    @Test
    void should_fail_clearly_on_a_missing_stored_policy(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.jsonl");
        Files.writeString(in, "{\"text\":\"x\"}\n");
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int code = GuardrailsCli.run(
                new String[] {
                    "guardrails",
                    "scan",
                    "--policy",
                    "cli/none@production",
                    "--in",
                    in.toString(),
                    "--out",
                    dir.resolve("out.jsonl").toString()
                },
                new PrintStream(errors, true),
                databaseProperties(),
                "postgres");
        assertThat(code).isEqualTo(2);
        assertThat(errors.toString()).contains("'cli/none' does not exist");
        assertThat(dir.resolve("out.jsonl")).doesNotExist();
    }

    private int cli(String... options) {
        String[] args = new String[options.length + 2];
        args[0] = "guardrails";
        args[1] = "scan";
        System.arraycopy(options, 0, args, 2, options.length);
        return GuardrailsCli.run(
                args, new PrintStream(new ByteArrayOutputStream(), true), databaseProperties(), "postgres");
    }

    /** The running server's database, as the command line would find it through PARAPET_DB_URL. */
    private Map<String, Object> databaseProperties() {
        Map<String, Object> properties = new HashMap<>();
        for (String key : List.of(
                "datasources.default.url",
                "datasources.default.username",
                "datasources.default.password",
                "datasources.default.driver-class-name",
                "datasources.default.dialect",
                "flyway.datasources.default.enabled",
                "flyway.datasources.default.locations",
                "parapet.master-key")) {
            environment.getProperty(key, String.class).ifPresent(v -> properties.put(key, v));
        }
        properties.put("micronaut.server.port", "-1");
        return properties;
    }
}
