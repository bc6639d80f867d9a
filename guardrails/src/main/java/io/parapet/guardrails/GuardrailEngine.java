package io.parapet.guardrails;

import io.parapet.guardrails.spi.ScanText;
import io.parapet.guardrails.spi.TextNormalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a policy over a text: normalizes it once, runs the scanners in order (each under its timeout, on a
 * virtual thread), applies the actions, and builds the sanitized text from the original. Thread-safe.
 */
public final class GuardrailEngine implements AutoCloseable {
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    public Verdict scan(Policy policy, String text, ScanContext context, AnonymizationVault vault) {
        long start = System.nanoTime();
        ScanText scanText = TextNormalizer.normalize(text);
        List<ScannerOutcome> outcomes = new ArrayList<>();
        List<Replacement> replacements = new ArrayList<>();
        String blockedBy = null;
        for (Policy.Entry entry : policy.entries()) {
            ScannerOutcome outcome =
                    run(entry, scanText, context, policy.definition().failClosed());
            outcomes.add(outcome);
            if (!outcome.enforced()) {
                continue;
            }
            switch (outcome.action()) {
                case BLOCK -> blockedBy = blockedBy == null ? outcome.type() : blockedBy;
                case REDACT ->
                    outcome.findings().forEach(f -> replacements.add(new Replacement(f, "[" + f.type() + "]")));
                case ANONYMIZE ->
                    outcome.findings()
                            .forEach(f ->
                                    replacements.add(new Replacement(f, vault.placeholderFor(f.type(), f.text()))));
                case WARN -> {}
            }
            if (blockedBy != null && policy.definition().failFast()) {
                break;
            }
        }
        String sanitized = apply(text, replacements);
        return new Verdict(
                blockedBy != null, blockedBy, sanitized, outcomes, vault, (System.nanoTime() - start) / 1_000);
    }

    private ScannerOutcome run(Policy.Entry entry, ScanText text, ScanContext context, boolean failClosed) {
        ScannerSpec spec = entry.spec();
        long start = System.nanoTime();
        Future<ScanResult> future = executor.submit(() -> entry.scanner().scan(text, context));
        try {
            ScanResult result = future.get(spec.timeoutMillis(), TimeUnit.MILLISECONDS);
            boolean triggered = result.score() >= spec.threshold();
            List<Finding> findings = result.findings();
            return new ScannerOutcome(
                    spec.type(),
                    spec.action(),
                    result.score(),
                    spec.threshold(),
                    triggered,
                    triggered && spec.action() != Action.WARN,
                    findings,
                    null,
                    micros(start));
        } catch (TimeoutException e) {
            future.cancel(true);
            return failed(spec, "timed out after " + spec.timeoutMillis() + " ms", failClosed, start);
        } catch (ExecutionException e) {
            return failed(spec, "failed: " + e.getCause(), failClosed, start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(spec, "interrupted", failClosed, start);
        }
    }

    /** Fail-closed turns a broken scanner into a block; fail-open lets the text through, with the error reported. */
    private static ScannerOutcome failed(ScannerSpec spec, String error, boolean failClosed, long start) {
        Action action = failClosed ? Action.BLOCK : spec.action();
        return new ScannerOutcome(
                spec.type(),
                action,
                failClosed ? 1 : 0,
                spec.threshold(),
                failClosed,
                failClosed,
                List.of(),
                spec.type() + " " + error + (failClosed ? " (fail-closed: blocked)" : " (fail-open: passed)"),
                micros(start));
    }

    private record Replacement(Finding finding, String with) {}

    /** Applies replacements on the original text, left to right; a span overlapping an earlier one is skipped. */
    private static String apply(String text, List<Replacement> replacements) {
        if (replacements.isEmpty()) {
            return text;
        }
        replacements.sort(Comparator.comparingInt((Replacement r) -> r.finding().start())
                .thenComparing(r -> -r.finding().end()));
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (Replacement r : replacements) {
            if (r.finding().start() < at) {
                continue;
            }
            out.append(text, at, r.finding().start()).append(r.with());
            at = r.finding().end();
        }
        return out.append(text, at, text.length()).toString();
    }

    private static long micros(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
