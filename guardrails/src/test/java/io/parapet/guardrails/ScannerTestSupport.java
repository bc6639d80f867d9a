package io.parapet.guardrails;

import io.parapet.guardrails.spi.TextNormalizer;
import java.util.List;
import java.util.Map;

/** Runs one built-in scanner, found through the catalog as a policy would find it. */
final class ScannerTestSupport {
    static final ScannerCatalog CATALOG = ScannerCatalog.load();

    private ScannerTestSupport() {}

    static ScanResult scan(String scanner, Map<String, Object> config, String text) {
        return CATALOG.get(scanner).create(config).scan(TextNormalizer.normalize(text), ScanContext.input());
    }

    static List<String> types(ScanResult result) {
        return result.findings().stream().map(Finding::type).toList();
    }
}
