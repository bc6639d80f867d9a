package io.parapet.eval.ci;

import com.fasterxml.jackson.databind.JsonNode;
import io.parapet.core.Documents;
import io.parapet.core.Json;
import io.parapet.core.ParapetException;
import io.parapet.core.client.ApiClient;
import io.parapet.eval.run.RunSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code parapet eval run}: evaluates a candidate prompt version on a dataset, optionally against a baseline, and
 * answers with an exit code a CI pipeline acts on: 0 passed, 1 failed (a threshold or a significant regression), 2
 * could not run (bad arguments, no server, a run that did not finish). It works against a remote server
 * ({@code --server URL --key KEY}, or {@code PARAPET_URL} and {@code PARAPET_KEY}) or, without one, starts the
 * platform in this process on its own database ({@link Platform}).
 */
public final class EvalCommand {
    static final String USAGE = """
            usage: eval run (--file suite.yaml | --prompt NAME@LABEL --dataset NAME[@LABEL] --evaluator NAME[=JSON]...)
                   [--baseline LABEL|#VERSION] [--min-pass-rate 0..1] [--fail-on threshold,regression]
                   [--concurrency N] [--model CATALOG_MODEL] [--server URL --key KEY]
                   [--junit FILE] [--json FILE] [--markdown FILE] [--timeout-minutes N]""";

    /** Where the runs happen when no server is named: the platform started in this process. */
    public interface Platform {
        /** Starts it and returns its base URL and an admin key; {@link AutoCloseable#close()} stops it. */
        Started start() throws Exception;

        interface Started extends AutoCloseable {
            String url();

            String key();
        }
    }

    private EvalCommand() {}

    public static int run(String[] args, PrintStream out, PrintStream err, Platform platform) {
        Map<String, List<String>> options;
        Suite suite;
        try {
            options = options(args);
            suite = suite(options);
        } catch (IllegalArgumentException | ParapetException | IOException e) {
            err.println(e.getMessage() + "\n" + USAGE);
            return 2;
        }
        String server = first(options, "server", System.getenv("PARAPET_URL"));
        String key = first(options, "key", System.getenv("PARAPET_KEY"));
        long timeoutMinutes = Long.parseLong(first(options, "timeout-minutes", "60"));
        try {
            Outcome outcome;
            if (server != null) {
                if (key == null) {
                    err.println("--server needs --key (or PARAPET_KEY)");
                    return 2;
                }
                outcome = new CiRun(new ApiClient(server, key), suite, err, timeoutMinutes).call();
            } else {
                err.println("no --server: starting Parapet in this process on its own database");
                try (Platform.Started started = platform.start()) {
                    outcome = new CiRun(new ApiClient(started.url(), started.key()), suite, err, timeoutMinutes).call();
                }
            }
            write(options, "junit", Reports.junit(outcome));
            write(options, "json", Reports.json(outcome));
            write(options, "markdown", Reports.markdown(outcome));
            out.print(Reports.markdown(outcome));
            return outcome.passed() ? 0 : 1;
        } catch (CiRun.CouldNotRun | ApiClient.Failed e) {
            err.println("could not run: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("could not run: " + e);
            return 2;
        }
    }

    private static Map<String, List<String>> options(String[] args) {
        if (args.length < 2 || !args[0].equals("eval") || !args[1].equals("run")) {
            throw new IllegalArgumentException("expected 'eval run'");
        }
        Map<String, List<String>> options = new HashMap<>();
        for (int i = 2; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
            }
            options.computeIfAbsent(args[i].substring(2), k -> new ArrayList<>())
                    .add(args[i + 1]);
        }
        List<String> known = List.of(
                "file",
                "prompt",
                "dataset",
                "evaluator",
                "baseline",
                "min-pass-rate",
                "fail-on",
                "concurrency",
                "model",
                "server",
                "key",
                "junit",
                "json",
                "markdown",
                "timeout-minutes");
        for (String name : options.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
        }
        return options;
    }

    /** The suite file, if any, with the flags on top of it. */
    static Suite suite(Map<String, List<String>> options) throws IOException {
        Suite file = options.containsKey("file")
                ? Documents.read(Files.readString(Path.of(first(options, "file", null))), Suite.class, "suite file")
                : new Suite(null, null, null, null, null, null, null, null, null);
        List<RunSpec.EvaluatorSpec> evaluators = file.evaluators();
        if (options.containsKey("evaluator")) {
            evaluators = new ArrayList<>();
            for (String e : options.get("evaluator")) {
                int eq = e.indexOf('=');
                Map<String, Object> config = eq < 0
                        ? null
                        : Json.mapper()
                                .convertValue(
                                        Json.read(e.substring(eq + 1)),
                                        new com.fasterxml.jackson.core.type.TypeReference<>() {});
                evaluators.add(new RunSpec.EvaluatorSpec(eq < 0 ? e : e.substring(0, eq), config));
            }
        }
        Map<String, Double> thresholds = file.thresholds();
        if (options.containsKey("min-pass-rate")) {
            thresholds = Map.of("passRate", Double.parseDouble(first(options, "min-pass-rate", null)));
        }
        Suite suite = new Suite(
                first(options, "prompt", file.prompt()),
                first(options, "baseline", file.baseline()),
                first(options, "dataset", file.dataset()),
                file.items(),
                evaluators,
                thresholds,
                options.containsKey("fail-on")
                        ? List.of(first(options, "fail-on", "").split(","))
                        : file.failOn(),
                options.containsKey("concurrency")
                        ? Integer.valueOf(first(options, "concurrency", null))
                        : file.concurrency(),
                first(options, "model", file.modelOverride()));
        if (suite.prompt() == null) {
            throw new IllegalArgumentException("give the candidate: --prompt NAME@LABEL (or prompt: in the file)");
        }
        if (suite.dataset() == null && (suite.items() == null || suite.items().isEmpty())) {
            throw new IllegalArgumentException("give --dataset NAME[@LABEL] (or dataset: or items: in the file)");
        }
        if (suite.evaluators() == null || suite.evaluators().isEmpty()) {
            throw new IllegalArgumentException(
                    "give at least one --evaluator NAME[=JSON] (or evaluators: in the file)");
        }
        if (!(suite.passRate() >= 0 && suite.passRate() <= 1)) {
            throw new IllegalArgumentException("the pass-rate threshold is 0..1, not " + suite.passRate());
        }
        for (String f : suite.failOnOrDefault()) {
            if (!List.of("threshold", "regression").contains(f)) {
                throw new IllegalArgumentException("failOn takes threshold and regression, not '" + f + "'");
            }
        }
        return suite;
    }

    private static String first(Map<String, List<String>> options, String name, String fallback) {
        List<String> values = options.get(name);
        return values == null || values.isEmpty() ? fallback : values.get(values.size() - 1);
    }

    private static void write(Map<String, List<String>> options, String name, String content) throws IOException {
        String file = first(options, name, null);
        if (file != null) {
            Files.writeString(Path.of(file), content);
        }
    }

    /** For the suite's inline items: a dataset name derived from the prompt's (content addressing does the rest). */
    static String inlineDataset(Suite suite) {
        return "ci/" + suite.promptName();
    }

    static JsonNode itemsBody(Suite suite) {
        return Json.mapper().valueToTree(Map.of("items", suite.items(), "commitMessage", "from a CI suite file"));
    }
}
