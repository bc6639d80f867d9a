package io.parapet.guardrails;

import java.util.ArrayList;
import java.util.List;

/**
 * Scans model output that arrives in chunks (server-sent events). Text is held back until a sentence ends (or
 * {@code maxHoldChars} accumulate, when it is cut at the last space), the held segment is scanned, and only its
 * sanitized form is released. After a block nothing more is released, so blocked or redacted text never reaches
 * the caller. One instance per stream; not thread-safe.
 */
public final class StreamingScan {
    /** What may be sent now: {@code text} (possibly empty), and whether the stream is blocked from here on. */
    public record Release(String text, boolean blocked, List<ScannerOutcome> outcomes) {}

    private final GuardrailEngine engine;
    private final Policy policy;
    private final ScanContext context;
    private final AnonymizationVault vault;
    private final int maxHoldChars;
    private final StringBuilder pending = new StringBuilder();
    private boolean blocked;

    public StreamingScan(
            GuardrailEngine engine, Policy policy, ScanContext context, AnonymizationVault vault, int maxHoldChars) {
        if (maxHoldChars < 16) {
            throw new IllegalArgumentException("maxHoldChars must be at least 16");
        }
        this.engine = engine;
        this.policy = policy;
        this.context = context;
        this.vault = vault;
        this.maxHoldChars = maxHoldChars;
    }

    /** Adds a chunk and releases every complete segment that passes the policy. */
    public Release accept(String chunk) {
        if (blocked) {
            return new Release("", true, List.of());
        }
        pending.append(chunk);
        StringBuilder released = new StringBuilder();
        List<ScannerOutcome> outcomes = new ArrayList<>();
        for (int cut = cutPoint(); cut > 0 && !blocked; cut = cutPoint()) {
            String segment = pending.substring(0, cut);
            pending.delete(0, cut);
            release(segment, released, outcomes);
        }
        return new Release(released.toString(), blocked, outcomes);
    }

    /** The stream ended: scans and releases whatever is still held. */
    public Release finish() {
        if (blocked || pending.isEmpty()) {
            return new Release("", blocked, List.of());
        }
        StringBuilder released = new StringBuilder();
        List<ScannerOutcome> outcomes = new ArrayList<>();
        String rest = pending.toString();
        pending.setLength(0);
        release(rest, released, outcomes);
        return new Release(released.toString(), blocked, outcomes);
    }

    private void release(String segment, StringBuilder released, List<ScannerOutcome> outcomes) {
        Verdict verdict = engine.scan(policy, segment, context, vault);
        outcomes.addAll(verdict.outcomes());
        if (verdict.blocked()) {
            blocked = true;
            pending.setLength(0);
            return;
        }
        released.append(verdict.sanitized());
    }

    /**
     * Where the held text can be cut: after the last sentence end (. ! ? or a line break, followed by white
     * space) — an e-mail's or URL's dots are not followed by white space — or, past the hold limit, after the last
     * space before it. 0 means keep holding.
     */
    private int cutPoint() {
        int cut = 0;
        for (int i = 0; i + 1 < pending.length(); i++) {
            char c = pending.charAt(i);
            if ((c == '.' || c == '!' || c == '?' || c == '\n') && Character.isWhitespace(pending.charAt(i + 1))) {
                cut = i + 2;
            }
        }
        if (cut == 0 && pending.length() >= maxHoldChars) {
            int space = pending.lastIndexOf(" ", maxHoldChars - 1);
            cut = space > 0 ? space + 1 : maxHoldChars;
        }
        return cut;
    }
}
