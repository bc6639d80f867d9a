package io.parapet.guardrails.bench;

import io.parapet.guardrails.AnonymizationVault;
import io.parapet.guardrails.GuardrailEngine;
import io.parapet.guardrails.Policy;
import io.parapet.guardrails.PolicyDefinition;
import io.parapet.guardrails.ScanContext;
import io.parapet.guardrails.ScanResult;
import io.parapet.guardrails.ScannerCatalog;
import io.parapet.guardrails.ScannerSpec;
import io.parapet.guardrails.Verdict;
import io.parapet.guardrails.spi.ScanText;
import io.parapet.guardrails.spi.Scanner;
import io.parapet.guardrails.spi.TextNormalizer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Per-scanner cost on English text of 1 KB and 8 KB with a little PII in it ({@code ./parapet jmh}). Throughput
 * in MB/s is size / time per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ScannerBenchmark {
    @Param({"1024", "8192"})
    public int size;

    @Param({"pii", "secrets", "invisible-text", "banned-patterns"})
    public String scanner;

    private Scanner instance;
    private String text;
    private ScanText normalized;
    private Policy policy;
    private GuardrailEngine engine;
    private Policy patterns;

    @Setup
    public void setUp() {
        text = BenchText.of(size);
        normalized = TextNormalizer.normalize(text);
        Map<String, Object> config = scanner.equals("banned-patterns")
                ? Map.of(
                        "substrings",
                        List.of("ignore previous instructions"),
                        "patterns",
                        List.of("(?i)password\\s*[:=]"))
                : Map.of();
        ScannerCatalog catalog = ScannerCatalog.load();
        instance = catalog.get(scanner).create(config);
        policy = Policy.compile(
                new PolicyDefinition(
                        false,
                        false,
                        List.of(new ScannerSpec(scanner, io.parapet.guardrails.Action.REDACT, 0.5, 1000, config))),
                catalog);
        engine = new GuardrailEngine();
        patterns = Policy.compile(
                new PolicyDefinition(
                        true,
                        false,
                        List.of(
                                new ScannerSpec("secrets", io.parapet.guardrails.Action.BLOCK, 0.5, 1000, Map.of()),
                                new ScannerSpec(
                                        "invisible-text", io.parapet.guardrails.Action.BLOCK, 0.9, 1000, Map.of()),
                                new ScannerSpec("pii", io.parapet.guardrails.Action.REDACT, 0.5, 1000, Map.of()))),
                catalog);
    }

    @TearDown
    public void tearDown() {
        engine.close();
    }

    /** The scanner alone, on already normalized text. */
    @Benchmark
    public ScanResult scan() {
        return instance.scan(normalized, ScanContext.input());
    }

    /** The pattern scanners of the default policy together (secrets, invisible-text, pii), through the engine. */
    @Benchmark
    public Verdict patternPolicy() {
        return engine.scan(patterns, text, ScanContext.input(), new AnonymizationVault());
    }

    /** Through the engine: normalization, the timeout hop and sanitizing included. */
    @Benchmark
    public Verdict policy() {
        return engine.scan(policy, text, ScanContext.input(), new AnonymizationVault());
    }
}
