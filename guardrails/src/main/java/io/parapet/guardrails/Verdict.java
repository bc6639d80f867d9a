package io.parapet.guardrails;

import java.util.List;

/**
 * The result of running a policy over a text: whether it is blocked (and by which scanner), the sanitized text
 * (redactions and placeholders applied; equal to the input when nothing changed), every scanner's outcome, the
 * vault that reverses placeholders, and the total time.
 */
public record Verdict(
        boolean blocked,
        String blockedBy,
        String sanitized,
        List<ScannerOutcome> outcomes,
        AnonymizationVault vault,
        long micros) {}
