package io.parapet.registry;

import java.util.Map;

/**
 * Validates the document of a guardrail policy version before the registry stores it. The registry keeps policies
 * but does not know scanners; the guardrails layer provides the bean, so an invalid policy never becomes a version.
 */
public interface PolicyChecker {
    /** Throws a 400 {@link io.parapet.core.ParapetException} listing every error in {@code document}. */
    void check(Map<String, Object> document);
}
