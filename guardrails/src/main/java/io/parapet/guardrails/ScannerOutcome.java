package io.parapet.guardrails;

import java.util.List;

/**
 * What one scanner of a policy concluded. {@code triggered} means its score reached the threshold; {@code
 * enforced} means its action changed the outcome (not so for {@code warn}). {@code error} is set when the scanner
 * failed or timed out, and then the policy's fail-open/fail-closed choice decided.
 */
@io.micronaut.serde.annotation.Serdeable
public record ScannerOutcome(
        String type,
        Action action,
        double score,
        double threshold,
        boolean triggered,
        boolean enforced,
        List<Finding> findings,
        String error,
        long micros) {}
