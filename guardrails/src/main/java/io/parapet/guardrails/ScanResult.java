package io.parapet.guardrails;

import java.util.List;

/**
 * A scanner's answer: the risk {@code score} in 0..1 (the highest finding's, or the scanner's own judgement), and
 * its findings. Whether the text passes is decided by the policy, which compares the score with the threshold.
 */
public record ScanResult(double score, List<Finding> findings) {
    public static final ScanResult CLEAN = new ScanResult(0, List.of());

    public ScanResult {
        findings = List.copyOf(findings);
    }

    public static ScanResult of(List<Finding> findings) {
        return new ScanResult(
                findings.stream().mapToDouble(Finding::score).max().orElse(0), findings);
    }
}
