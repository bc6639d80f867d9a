package io.parapet.guardrails.scanners;

import io.parapet.guardrails.spi.ScannerFactory;
import java.util.List;

/** The name and accepted configuration keys every built-in factory declares; subclasses only build scanners. */
abstract class NamedScannerFactory implements ScannerFactory {
    private final String name;
    private final List<String> configKeys;

    NamedScannerFactory(String name, String... configKeys) {
        this.name = name;
        this.configKeys = List.of(configKeys);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<String> configKeys() {
        return configKeys;
    }
}
