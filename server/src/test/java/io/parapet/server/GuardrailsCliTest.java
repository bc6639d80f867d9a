package io.parapet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.parapet.core.Json;
import io.parapet.server.cli.GuardrailsCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuardrailsCliTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream errors = new ByteArrayOutputStream();

    private int run(String... args) {
        return GuardrailsCli.run(args, new PrintStream(errors, true));
    }

    private int scan(String policy, String in, String out) {
        return run("guardrails", "scan", "--policy", policy, "--in", in, "--out", out);
    }

    @Test
    void should_scan_each_line_and_copy_other_fields_through() throws Exception {
        Path in = dir.resolve("in.jsonl");
        Path out = dir.resolve("out.jsonl");
        Files.write(
                in, List.of("{\"id\":7,\"text\":\"mail a@b.io\"}", "", "{\"id\":8,\"text\":\"AKIAIOSFODNN7EXAMPLE\"}"));

        assertThat(scan("default", in.toString(), out.toString())).isZero();

        List<JsonNode> rows = Files.readAllLines(out).stream().map(Json::read).toList();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("id").asInt()).isEqualTo(7);
        assertThat(rows.get(0).at("/guardrails/sanitized").asText()).isEqualTo("mail [EMAIL_ADDRESS]");
        // every finding with its span in the line's text, so that a labelled file can be scored span by span
        JsonNode email = rows.get(0).at("/guardrails/findings/0");
        assertThat(email.get("scanner").asText()).isEqualTo("pii");
        assertThat(email.get("type").asText()).isEqualTo("EMAIL_ADDRESS");
        assertThat(List.of(email.get("start").asInt(), email.get("end").asInt()))
                .containsExactly(5, 11);
        assertThat(email.get("score").asDouble()).isGreaterThanOrEqualTo(0.5);
        assertThat(rows.get(0).at("/guardrails/findings")).hasSize(1);
        assertThat(rows.get(1).at("/guardrails/blockedBy").asText()).isEqualTo("secrets");
        assertThat(errors.toString()).contains("scanned 2 lines");
    }

    @Test
    void should_read_the_whole_input_when_the_output_is_the_same_file() throws Exception {
        Path same = dir.resolve("both.jsonl");
        Files.write(same, List.of("{\"id\":1,\"text\":\"hello\"}", "{\"id\":2,\"text\":\"mail a@b.io\"}"));

        assertThat(scan("default", same.toString(), same.toString())).isZero();

        List<JsonNode> rows = Files.readAllLines(same).stream().map(Json::read).toList();
        assertThat(rows).extracting(r -> r.get("id").asInt()).containsExactly(1, 2);
        assertThat(rows.get(1).at("/guardrails/sanitized").asText()).isEqualTo("mail [EMAIL_ADDRESS]");
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("both.jsonl");
        }
    }

    @Test
    void should_report_bad_lines_and_go_on() throws Exception {
        Path in = dir.resolve("in.jsonl");
        Path out = dir.resolve("out.jsonl");
        Files.write(in, List.of("not json", "{\"no\":\"text\"}", "{\"text\":\"fine\"}"));

        assertThat(scan("default", in.toString(), out.toString())).isEqualTo(1);
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).contains("line 1 is not JSON");
        assertThat(lines.get(1)).contains("needs a string field 'text'");
        assertThat(lines.get(2)).contains("\"blocked\":false");
    }

    @Test
    void should_read_a_yaml_policy_file_and_refuse_bad_usage() throws Exception {
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(
                policy,
                "scanners:\n  - type: banned-patterns\n    action: block\n    config: {substrings: [forbidden]}\n");
        Path in = dir.resolve("in.jsonl");
        Files.write(in, List.of("{\"text\":\"this is FORBIDDEN\"}"));
        Path out = dir.resolve("out.jsonl");
        assertThat(scan(policy.toString(), in.toString(), out.toString())).isZero();
        assertThat(Files.readString(out)).contains("\"blockedBy\":\"banned-patterns\"");

        assertThat(run("guardrails", "scan", "--in", in.toString())).isEqualTo(2);
        assertThat(run("guardrails", "lint")).isEqualTo(2);
        Files.writeString(policy, "scanners: [{type: nope, action: block}]");
        assertThat(scan(policy.toString(), in.toString(), out.toString())).isEqualTo(2);
        assertThat(errors.toString()).contains("unknown scanner 'nope'");
    }
}
