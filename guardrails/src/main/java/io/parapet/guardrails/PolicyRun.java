package io.parapet.guardrails;

import io.parapet.guardrails.spi.ScanText;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One worker's pass over a policy's scanners, from {@code first} on, in order: each outcome is handed to the engine
 * as soon as it is known. The engine waits on the queue with the current scanner's timeout; when one overruns, it
 * abandons this run and starts another after it. So a scan costs one thread hop, not one per scanner.
 */
final class PolicyRun implements Runnable {
    /** Marks the end of the run: every scanner done, or a fail-fast block. */
    static final ScannerOutcome END = new ScannerOutcome("", Action.WARN, 0, 0, false, false, List.of(), null, 0);

    final BlockingQueue<ScannerOutcome> outcomes = new LinkedBlockingQueue<>();
    private final List<Policy.Entry> entries;
    private final int first;
    private final ScanText text;
    private final ScanContext context;
    private final PolicyDefinition definition;
    private volatile boolean abandoned;

    PolicyRun(List<Policy.Entry> entries, int first, ScanText text, ScanContext context, PolicyDefinition definition) {
        this.entries = entries;
        this.first = first;
        this.text = text;
        this.context = context;
        this.definition = definition;
    }

    @Override
    public void run() {
        for (int i = first; i < entries.size() && !abandoned; i++) {
            ScannerSpec spec = entries.get(i).spec();
            long start = System.nanoTime();
            ScannerOutcome outcome;
            try {
                outcome = outcome(spec, entries.get(i).scanner().scan(text, context), start);
            } catch (RuntimeException | Error e) {
                outcome = failed(spec, "failed: " + e, definition.failClosed(), start);
            }
            if (abandoned) {
                return;
            }
            outcomes.add(outcome);
            if (definition.failFast() && outcome.enforced() && outcome.action() == Action.BLOCK) {
                break;
            }
        }
        outcomes.add(END);
    }

    /** The engine has given up on this run (a scanner timed out); whatever it finishes later is dropped. */
    void abandon() {
        abandoned = true;
    }

    static ScannerOutcome outcome(ScannerSpec spec, ScanResult result, long startNanos) {
        boolean triggered = result.score() >= spec.threshold();
        return new ScannerOutcome(
                spec.type(),
                spec.action(),
                result.score(),
                spec.threshold(),
                triggered,
                triggered && spec.action() != Action.WARN,
                result.findings(),
                null,
                micros(startNanos));
    }

    /** Fail-closed turns a broken scanner into a block; fail-open lets the text through, with the error reported. */
    static ScannerOutcome failed(ScannerSpec spec, String error, boolean failClosed, long startNanos) {
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
                micros(startNanos));
    }

    private static long micros(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000;
    }
}
