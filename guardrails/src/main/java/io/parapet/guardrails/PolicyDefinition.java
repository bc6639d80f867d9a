package io.parapet.guardrails;

import java.util.List;

/**
 * A policy as written: an ordered list of scanners. {@code failFast} stops at the first block; otherwise every
 * scanner runs and all results are reported. {@code failClosed} decides what a scanner that throws or times out
 * means: block (closed) or pass, with the error reported (open).
 */
public record PolicyDefinition(boolean failFast, boolean failClosed, List<ScannerSpec> scanners) {
    public PolicyDefinition {
        scanners = List.copyOf(scanners);
    }
}
