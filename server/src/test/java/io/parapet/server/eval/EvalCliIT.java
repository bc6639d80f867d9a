package io.parapet.server.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parapet.core.Json;
import io.parapet.server.cli.EvalCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CI command against a running server: exit codes 0, 1 and 2, JUnit XML, JSON and Markdown, suite files. */
@MicronautTest(environments = "postgres", transactional = false)
class EvalCliIT extends EvalTestSupport {
    private static final String REGEX = "regex={\"pattern\":\"^Where is my order\"}";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int eval(String... args) {
        List<String> all = new ArrayList<>(List.of("eval", "run"));
        all.addAll(List.of(args));
        all.addAll(List.of("--server", server.getURL().toString(), "--key", KEYS.get("editor")));
        out.reset();
        err.reset();
        return EvalCli.run(
                all.toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void should_exit_0_with_reports_when_the_candidate_passes() throws Exception {
        Path junit = dir.resolve("junit.xml");
        Path json = dir.resolve("out.json");
        int code = eval(
                "--prompt",
                "eval/bot#1",
                "--dataset",
                "eval/faq",
                "--evaluator",
                REGEX,
                "--evaluator",
                "latency={\"max\":10000}",
                "--junit",
                junit.toString(),
                "--json",
                json.toString());
        assertThat(code).as(err.toString()).isZero();
        String xml = Files.readString(junit);
        assertThat(xml)
                .contains("tests=\"" + ITEMS * 2 + "\" failures=\"0\" errors=\"0\"")
                .contains("classname=\"eval/bot#1.q0\" name=\"regex\"");
        assertThat(Json.read(Files.readString(json)).get("passed").asBoolean()).isTrue();
        assertThat(out.toString()).contains("✅ passed").contains("| pass rate | 100.0 %");
        assertThat(err.toString()).contains("candidate [####################] " + ITEMS + "/" + ITEMS);
    }

    @Test
    void should_exit_1_on_a_failed_threshold_and_a_regression_against_the_baseline() throws Exception {
        Path junit = dir.resolve("junit.xml");
        Path md = dir.resolve("summary.md");
        int code = eval(
                "--prompt",
                "eval/bot#2",
                "--baseline",
                "#1",
                "--dataset",
                "eval/faq",
                "--evaluator",
                REGEX,
                "--junit",
                junit.toString(),
                "--markdown",
                md.toString());
        assertThat(code).as(err.toString()).isEqualTo(1);
        assertThat(Files.readString(junit))
                .contains("failures=\"" + ITEMS + "\"")
                .contains("<failure message=");
        assertThat(Files.readString(md))
                .contains("❌ failed")
                .contains("pass rate 0.0 % is under the threshold of 100.0 %")
                .contains("significantly worse than the baseline (" + ITEMS + " items regressed)")
                .contains("**worse**");

        assertThat(eval(
                        "--prompt",
                        "eval/bot#2",
                        "--baseline",
                        "#1",
                        "--dataset",
                        "eval/faq",
                        "--evaluator",
                        REGEX,
                        "--fail-on",
                        "regression",
                        "--min-pass-rate",
                        "0"))
                .as("only the regression fails it")
                .isEqualTo(1);
        assertThat(eval(
                        "--prompt",
                        "eval/bot#2",
                        "--dataset",
                        "eval/faq",
                        "--evaluator",
                        REGEX,
                        "--min-pass-rate",
                        "0"))
                .as("no baseline, no threshold: passes")
                .isZero();
    }

    @Test
    void should_exit_2_when_it_cannot_run() {
        assertThat(eval("--prompt", "eval/bot#1", "--dataset", "eval/faq")).isEqualTo(2);
        assertThat(err.toString()).contains("--evaluator");
        assertThat(eval("--prompt", "eval/bot#1", "--dataset", "eval/faq", "--evaluator", "nope"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("could not run").contains("400").contains("nope");
        assertThat(eval("--prompt", "eval/bot#1", "--dataset", "eval/missing", "--evaluator", REGEX))
                .isEqualTo(2);
        assertThat(eval("--bogus", "x")).isEqualTo(2);
        assertThat(eval(
                        "--prompt",
                        "eval/bot#1",
                        "--dataset",
                        "eval/faq",
                        "--evaluator",
                        REGEX,
                        "--min-pass-rate",
                        "3"))
                .isEqualTo(2);
        out.reset();
        int unreachable = EvalCli.run(
                new String[] {
                    "eval",
                    "run",
                    "--prompt",
                    "eval/bot#1",
                    "--dataset",
                    "eval/faq",
                    "--evaluator",
                    REGEX,
                    "--server",
                    "http://127.0.0.1:1",
                    "--key",
                    "pk_x"
                },
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(unreachable).isEqualTo(2);
    }

    @Test
    void should_run_a_suite_file_with_inline_items() throws Exception {
        Path suite = dir.resolve("suite.yaml");
        Files.writeString(suite, """
                prompt: eval/bot#1
                items:
                  - id: a
                    variables: {question: "Where is my order 7?"}
                  - id: b
                    variables: {question: "Where is my order 8?"}
                evaluators:
                  - name: contains
                    config: {values: [order]}
                thresholds: {passRate: 1.0}
                failOn: [threshold]
                """);
        assertThat(eval("--file", suite.toString())).as(err.toString()).isZero();
        JsonNode dataset = get("/api/v1/datasets/ci/eval/bot", "viewer").json();
        assertThat(dataset.get("latestVersion").asInt()).isEqualTo(1);
        assertThat(eval("--file", suite.toString())).as("the same items again").isZero();
        assertThat(get("/api/v1/datasets/ci/eval/bot", "viewer")
                        .json()
                        .get("latestVersion")
                        .asInt())
                .as("content addressing: no new version")
                .isEqualTo(1);
        Files.writeString(dir.resolve("typo.yaml"), "prompt: eval/bot#1\nevaluatorz: []\n");
        assertThat(eval("--file", dir.resolve("typo.yaml").toString())).isEqualTo(2);
    }
}
