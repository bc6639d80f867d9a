package io.parapet.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.ApplicationContext;
import io.parapet.core.Json;
import io.parapet.core.ParapetException;
import io.parapet.gateway.PolicyResolver;
import io.parapet.guardrails.AnonymizationVault;
import io.parapet.guardrails.Direction;
import io.parapet.guardrails.Finding;
import io.parapet.guardrails.GuardrailEngine;
import io.parapet.guardrails.Policy;
import io.parapet.guardrails.PolicyDocument;
import io.parapet.guardrails.ScanContext;
import io.parapet.guardrails.ScannerCatalog;
import io.parapet.guardrails.ScannerOutcome;
import io.parapet.guardrails.Verdict;
import io.parapet.registry.VersionRef;
import io.parapet.server.Parapet;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code java -jar parapet.jar guardrails scan --policy <file|default|name@label|name#version> --in in.jsonl
 * --out out.jsonl [--direction input|output]}: scans each line's {@code text} and writes the line back with a
 * {@code guardrails} object (verdict, sanitized text, per-scanner scores, and every finding's scanner, type, span in
 * {@code text} and score, so that a labelled file can be scored span by span). A stored policy is read from the
 * database the server would use (local mode's H2 files, or {@code PARAPET_DB_URL}). Other fields are copied through. A bad line gets an
 * {@code error} instead and the run goes on; the exit code is 0 when every line was scanned, 1 when some were
 * not, 2 for a usage error.
 */
public final class GuardrailsCli {
    private static final String USAGE =
            "usage: guardrails scan --policy <file|default|name@label|name#version> --in <in.jsonl> --out <out.jsonl>"
                    + " [--direction input|output]";

    private GuardrailsCli() {}

    public static int run(String[] args, PrintStream err) {
        return run(args, err, Map.of(), Parapet.mode());
    }

    /** As {@link #run(String[], PrintStream)}, reading stored policies with these extra properties and environment. */
    public static int run(String[] args, PrintStream err, Map<String, Object> properties, String environment) {
        Map<String, String> options = new HashMap<>();
        if (args.length < 2 || !args[1].equals("scan")) {
            err.println(USAGE);
            return 2;
        }
        for (int i = 2; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                err.println("unexpected argument '" + args[i] + "'\n" + USAGE);
                return 2;
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        if (!options.containsKey("in") || !options.containsKey("out") || !options.containsKey("policy")) {
            err.println(USAGE);
            return 2;
        }
        try (GuardrailEngine engine = new GuardrailEngine()) {
            Policy policy = policy(options.get("policy"), properties, environment);
            Direction direction = "output".equals(options.get("direction")) ? Direction.OUTPUT : Direction.INPUT;
            return scan(engine, policy, direction, Path.of(options.get("in")), Path.of(options.get("out")), err);
        } catch (ParapetException e) {
            err.println("invalid policy: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("cannot read or write: " + e.getMessage());
            return 2;
        }
    }

    /** "default", a policy file, or else a stored policy reference. */
    private static Policy policy(String policy, Map<String, Object> properties, String environment) throws IOException {
        if (PolicyDocument.DEFAULT.equals(policy) || Files.exists(Path.of(policy))) {
            return Policy.compile(document(policy).toDefinition(), ScannerCatalog.load());
        }
        VersionRef ref = VersionRef.parse(policy, "policy");
        // The registry, without the HTTP server: the same beans and database the server uses.
        try (ApplicationContext context = ApplicationContext.builder()
                .environments(environment)
                .properties(properties)
                .start()) {
            return context.getBean(PolicyResolver.class).stored(ref);
        } catch (ParapetException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IOException("cannot read stored policy '" + ref + "' from the database: " + e.getMessage(), e);
        }
    }

    private static PolicyDocument document(String policy) throws IOException {
        return PolicyDocument.DEFAULT.equals(policy)
                ? PolicyDocument.defaultPolicy()
                : PolicyDocument.parse(Files.readString(Path.of(policy)));
    }

    private static int scan(
            GuardrailEngine engine, Policy policy, Direction direction, Path in, Path out, PrintStream err)
            throws IOException {
        long lines = 0;
        long failed = 0;
        long start = System.nanoTime();
        // One worker per core; a bounded window of lines in flight keeps memory flat and the output in input order.
        int workers = Runtime.getRuntime().availableProcessors();
        ArrayDeque<Future<ObjectNode>> inFlight = new ArrayDeque<>();
        // Written beside the output and moved over it at the end: --out may name the input itself, and a failed run
        // leaves the old output whole.
        Path absoluteOut = out.toAbsolutePath();
        Path partial = Files.createTempFile(absoluteOut.getParent(), absoluteOut.getFileName() + ".", ".partial");
        try (ExecutorService pool = Executors.newFixedThreadPool(workers);
                BufferedReader reader = Files.newBufferedReader(in, StandardCharsets.UTF_8);
                BufferedWriter writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                long number = ++lines;
                String text = line;
                inFlight.add(pool.submit(() -> scanLine(engine, policy, direction, text, number)));
                if (inFlight.size() >= workers * 16) {
                    failed += write(inFlight.poll(), writer);
                }
            }
            while (!inFlight.isEmpty()) {
                failed += write(inFlight.poll(), writer);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, absoluteOut, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        double seconds = (System.nanoTime() - start) / 1e9;
        err.printf(
                "scanned %d lines in %.2f s (%.0f lines/s), %d not scanned%n", lines, seconds, lines / seconds, failed);
        return failed == 0 ? 0 : 1;
    }

    /** Writes one finished line; returns 1 when it could not be scanned. */
    private static int write(Future<ObjectNode> pending, BufferedWriter writer) throws IOException {
        ObjectNode result;
        try {
            result = pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IOException("scanning failed", e.getCause());
        }
        writer.write(Json.write(result));
        writer.newLine();
        return result.path("guardrails").has("error") ? 1 : 0;
    }

    private static ObjectNode scanLine(
            GuardrailEngine engine, Policy policy, Direction direction, String line, long number) {
        ObjectNode row;
        try {
            JsonNode parsed = Json.mapper().readTree(line);
            row = parsed instanceof ObjectNode object ? object : Json.mapper().createObjectNode();
            if (!(parsed instanceof ObjectNode) || !row.path("text").isTextual()) {
                row.putObject("guardrails").put("error", "line " + number + " needs a string field 'text'");
                return row;
            }
        } catch (IOException e) {
            row = Json.mapper().createObjectNode();
            row.putObject("guardrails").put("error", "line " + number + " is not JSON");
            return row;
        }
        Verdict v = engine.scan(
                policy, row.get("text").asText(), new ScanContext(direction, null, null), new AnonymizationVault());
        ObjectNode verdict = row.putObject("guardrails");
        verdict.put("blocked", v.blocked());
        verdict.put("blockedBy", v.blockedBy());
        verdict.put("sanitized", v.sanitized());
        ObjectNode scores = verdict.putObject("scores");
        ArrayNode findings = verdict.putArray("findings");
        for (ScannerOutcome o : v.outcomes()) {
            scores.put(o.type(), o.score());
            if (o.error() != null) {
                verdict.withArray("scannerErrors").add(o.error());
            }
            for (Finding f : o.findings()) {
                findings.addObject()
                        .put("scanner", o.type())
                        .put("type", f.type())
                        .put("start", f.start())
                        .put("end", f.end())
                        .put("score", f.score());
            }
        }
        return row;
    }
}
