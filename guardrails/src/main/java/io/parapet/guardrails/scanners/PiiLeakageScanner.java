package io.parapet.guardrails.scanners;

import io.parapet.guardrails.Finding;
import io.parapet.guardrails.ScanContext;
import io.parapet.guardrails.ScanResult;
import io.parapet.guardrails.spi.ScanText;
import io.parapet.guardrails.spi.Scanner;
import java.util.ArrayList;
import java.util.List;

/**
 * PII in model output. A value that also appears in the rendered prompt (a system prompt, retrieved documents) is a
 * leak of the model's context: it is reported as {@code LEAKED_<TYPE>} with certainty. Other PII keeps the pii
 * scanner's type and score, so a policy can redact all of it or block only leaks with a high threshold.
 */
final class PiiLeakageScanner implements Scanner {
    private final Scanner pii;

    PiiLeakageScanner(Scanner pii) {
        this.pii = pii;
    }

    @Override
    public ScanResult scan(ScanText text, ScanContext context) {
        ScanResult found = pii.scan(text, context);
        String prompt = context.renderedPrompt();
        if (prompt == null || found.findings().isEmpty()) {
            return found;
        }
        List<Finding> findings = new ArrayList<>();
        for (Finding f : found.findings()) {
            boolean leaked = !f.text().isBlank() && prompt.contains(f.text());
            findings.add(leaked ? new Finding("LEAKED_" + f.type(), f.start(), f.end(), f.text(), 1.0) : f);
        }
        return ScanResult.of(findings);
    }
}
