package io.parapet.guardrails;

import io.parapet.guardrails.spi.ScanText;
import io.parapet.guardrails.spi.TextNormalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs a policy over a text: normalizes it once, runs the scanners in order on one virtual thread (each under its
 * timeout), applies the actions, and builds the sanitized text from the original. Thread-safe.
 */
public final class GuardrailEngine implements AutoCloseable {
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    public Verdict scan(Policy policy, String text, ScanContext context, AnonymizationVault vault) {
        long start = System.nanoTime();
        ScanText scanText = TextNormalizer.normalize(text);
        List<ScannerOutcome> outcomes = run(policy, scanText, context);
        List<Replacement> replacements = new ArrayList<>();
        String blockedBy = null;
        for (ScannerOutcome outcome : outcomes) {
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
        }
        String sanitized = apply(text, replacements);
        return new Verdict(
                blockedBy != null, blockedBy, sanitized, outcomes, vault, (System.nanoTime() - start) / 1_000);
    }

    /**
     * Runs the scanners in order on one worker thread, each under its timeout. A scanner that overruns is reported as
     * failed (fail-open or fail-closed), its worker is abandoned, and a new one carries on with the next scanner.
     */
    private List<ScannerOutcome> run(Policy policy, ScanText text, ScanContext context) {
        List<ScannerOutcome> outcomes = new ArrayList<>();
        List<Policy.Entry> entries = policy.entries(context.direction());
        int next = entries.isEmpty() ? DONE : 0;
        while (next != DONE) {
            PolicyRun run = new PolicyRun(entries, next, text, context, policy.definition());
            Future<?> worker = executor.submit(run);
            next = collect(run, worker, next, entries, policy.definition(), outcomes);
        }
        return outcomes;
    }

    private static final int DONE = -1;

    /** Takes a worker's outcomes as they come; returns {@link #DONE}, or where a new worker must start after a timeout. */
    private static int collect(
            PolicyRun run,
            Future<?> worker,
            int next,
            List<Policy.Entry> entries,
            PolicyDefinition definition,
            List<ScannerOutcome> outcomes) {
        try {
            for (; next < entries.size(); next++) {
                ScannerSpec spec = entries.get(next).spec();
                long waitStart = System.nanoTime();
                ScannerOutcome outcome = run.outcomes.poll(spec.timeoutMillis(), TimeUnit.MILLISECONDS);
                if (outcome == PolicyRun.END) {
                    return DONE;
                }
                if (outcome == null) {
                    run.abandon();
                    worker.cancel(true);
                    String error = "timed out after " + spec.timeoutMillis() + " ms";
                    outcomes.add(PolicyRun.failed(spec, error, definition.failClosed(), waitStart));
                    boolean stop = definition.failFast() && definition.failClosed();
                    return stop || next + 1 == entries.size() ? DONE : next + 1;
                }
                outcomes.add(outcome);
            }
            return DONE;
        } catch (InterruptedException e) {
            run.abandon();
            worker.cancel(true);
            Thread.currentThread().interrupt();
            ScannerSpec spec = entries.get(next).spec();
            outcomes.add(PolicyRun.failed(spec, "interrupted", definition.failClosed(), System.nanoTime()));
            return DONE;
        }
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

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
