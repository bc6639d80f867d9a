package io.parapet.guardrails.spi;

import io.parapet.guardrails.ScanContext;
import io.parapet.guardrails.ScanResult;

/**
 * A configured scanner. Implementations must be thread-safe and must not keep per-call state: one instance
 * serves every request of a policy.
 */
public interface Scanner {
    /**
     * Scans {@code text}. Detection runs on {@link ScanText#normalized()}; findings report spans of the original
     * text, which {@link ScanText#originalSpan} maps back.
     */
    ScanResult scan(ScanText text, ScanContext context);
}
