package io.parapet.guardrails;

import io.parapet.guardrails.spi.TextNormalizer;
import java.util.List;
import java.util.Map;

/** Runs one built-in scanner, found through the catalog as a policy would find it. */
final class ScannerTestSupport {
    static final ScannerCatalog CATALOG = ScannerCatalog.load();

    /** The operator's model folder for these tests: policies may name files inside it, and only there. */
    static final java.nio.file.Path MODEL_DIR = modelDir();

    private static java.nio.file.Path modelDir() {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("parapet-models");
            System.setProperty("parapet.guardrails.model-dir", dir.toString());
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private ScannerTestSupport() {}

    static ScanResult scan(String scanner, Map<String, Object> config, String text) {
        return CATALOG.get(scanner).create(config).scan(TextNormalizer.normalize(text), ScanContext.input());
    }

    static List<String> types(ScanResult result) {
        return result.findings().stream().map(Finding::type).toList();
    }
}
