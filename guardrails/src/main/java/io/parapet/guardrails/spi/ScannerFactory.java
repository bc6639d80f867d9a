package io.parapet.guardrails.spi;

import io.parapet.core.plugin.Plugin;
import java.util.Map;

/**
 * Creates scanners of one kind from their configuration. Built-ins and third-party scanners alike are found
 * through {@link java.util.ServiceLoader}: list the class in {@code META-INF/services/io.parapet.guardrails.spi.ScannerFactory}.
 */
public interface ScannerFactory extends Plugin {
    /**
     * Builds a scanner. Throws {@link IllegalArgumentException} with a message a person can act on when the
     * configuration is wrong.
     */
    Scanner create(Map<String, Object> config);
}
