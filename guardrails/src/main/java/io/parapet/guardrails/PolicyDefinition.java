package io.parapet.guardrails;

import java.util.List;

/**
 * A policy as written: an ordered list of scanners. {@code failFast} stops at the first block; otherwise every
 * scanner runs and all results are reported. {@code failClosed} decides what a scanner that throws or times out
 * means: block (closed) or pass, with the error reported (open). {@code refusal}, when set, is what the chat gateway
 * answers instead of an error when this policy blocks (null: a 400).
 */
public record PolicyDefinition(boolean failFast, boolean failClosed, List<ScannerSpec> scanners, String refusal) {
    public PolicyDefinition {
        scanners = List.copyOf(scanners);
    }

    /** A policy without a refusal message: a block is an error for the caller. */
    public PolicyDefinition(boolean failFast, boolean failClosed, List<ScannerSpec> scanners) {
        this(failFast, failClosed, scanners, null);
    }
}
