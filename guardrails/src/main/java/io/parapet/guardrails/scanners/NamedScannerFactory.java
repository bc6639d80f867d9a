package io.parapet.guardrails.scanners;

import io.parapet.core.plugin.NamedPlugin;
import io.parapet.guardrails.spi.ScannerFactory;
import java.util.List;

/** A built-in scanner factory: its name and setting keys are declared once; subclasses only build scanners. */
abstract class NamedScannerFactory extends NamedPlugin implements ScannerFactory {
    NamedScannerFactory(String name, String... configKeys) {
        super(name, List.of(configKeys));
    }
}
