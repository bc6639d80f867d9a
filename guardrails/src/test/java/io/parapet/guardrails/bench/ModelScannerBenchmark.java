package io.parapet.guardrails.bench;

import io.parapet.guardrails.AnonymizationVault;
import io.parapet.guardrails.GuardrailEngine;
import io.parapet.guardrails.Policy;
import io.parapet.guardrails.PolicyDocument;
import io.parapet.guardrails.ScanContext;
import io.parapet.guardrails.ScanResult;
import io.parapet.guardrails.ScannerCatalog;
import io.parapet.guardrails.Verdict;
import io.parapet.guardrails.classify.Embeddings;
import io.parapet.guardrails.spi.Scanner;
import io.parapet.guardrails.spi.TextNormalizer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The scanners that run models, and the whole default input policy, sampled per call so that JMH reports p50/p99
 * ({@code ./parapet jmh ModelScannerBenchmark}). Each call builds a fresh {@code ScanText}, so the embedding is
 * computed every time, as it is for a new text (the caches of recent embeddings, entity spans and the model runs over
 * long texts' middles are off: they would measure a look-up).
 */
@Fork(
        jvmArgsAppend = {
            "-Dparapet.embeddings.cacheSize=0",
            "-Dparapet.entities.cacheSize=0",
            "-Dparapet.entities.runCacheBytes=0"
        })
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ModelScannerBenchmark {
    @Param({"1024", "8192"})
    public int size;

    private String text;
    private Scanner injection;
    private Scanner toxicity;
    private Scanner tokenLimit;
    private Scanner piiTrained;
    private Scanner piiGazetteer;
    private Policy defaultPolicy;
    private GuardrailEngine engine;

    @Setup
    public void setUp() {
        text = BenchText.of(size);
        ScannerCatalog catalog = ScannerCatalog.load();
        injection = catalog.get("prompt-injection").create(Map.of());
        toxicity = catalog.get("toxicity").create(Map.of());
        tokenLimit = catalog.get("token-limit").create(Map.of());
        piiTrained = catalog.get("pii").create(Map.of());
        piiGazetteer = catalog.get("pii").create(Map.of("ner", "gazetteer"));
        defaultPolicy = Policy.compile(PolicyDocument.defaultPolicy().toDefinition(), catalog);
        engine = new GuardrailEngine();
    }

    @TearDown
    public void tearDown() {
        engine.close();
    }

    @Benchmark
    public float[] embedding() {
        return Embeddings.embed(text);
    }

    /** Embedding included. */
    @Benchmark
    public ScanResult injection() {
        return injection.scan(TextNormalizer.normalize(text), ScanContext.input());
    }

    /** Embedding included. */
    @Benchmark
    public ScanResult toxicity() {
        return toxicity.scan(TextNormalizer.normalize(text), ScanContext.input());
    }

    /** Patterns and the trained entity head (its own model run over the whole text), the default. */
    @Benchmark
    public ScanResult piiTrained() {
        return piiTrained.scan(TextNormalizer.normalize(text), ScanContext.input());
    }

    /** Patterns and the gazetteer: no model run. */
    @Benchmark
    public ScanResult piiGazetteer() {
        return piiGazetteer.scan(TextNormalizer.normalize(text), ScanContext.input());
    }

    @Benchmark
    public ScanResult tokenLimit() {
        return tokenLimit.scan(TextNormalizer.normalize(text), ScanContext.input());
    }

    /** secrets, invisible-text, token-limit, pii, prompt-injection, toxicity: one embedding shared. */
    @Benchmark
    public Verdict defaultPolicy() {
        return engine.scan(defaultPolicy, text, ScanContext.input(), new AnonymizationVault());
    }
}
