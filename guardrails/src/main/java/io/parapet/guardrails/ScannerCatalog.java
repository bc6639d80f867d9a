package io.parapet.guardrails;

import io.parapet.core.plugin.PluginCatalog;
import io.parapet.guardrails.spi.ScannerFactory;
import java.util.Set;

/** Every scanner kind on the class path, built-in or third-party (see {@link PluginCatalog}). */
public final class ScannerCatalog {
    private static final String PLURAL = "scanner factories";

    private final PluginCatalog<ScannerFactory> factories;

    private ScannerCatalog(PluginCatalog<ScannerFactory> factories) {
        this.factories = factories;
    }

    public static ScannerCatalog load() {
        return new ScannerCatalog(PluginCatalog.load(ScannerFactory.class, PLURAL));
    }

    public static ScannerCatalog of(Iterable<ScannerFactory> found) {
        return new ScannerCatalog(PluginCatalog.of(found, PLURAL));
    }

    public ScannerFactory get(String name) {
        return factories.get(name);
    }

    public Set<String> names() {
        return factories.names();
    }
}
