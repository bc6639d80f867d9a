package io.parapet.guardrails;

import io.parapet.guardrails.spi.ScannerFactory;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Every scanner kind on the class path, built-in or third-party, found through {@link ServiceLoader}. Two
 * factories with one name are an error at start, not a silent choice.
 */
public final class ScannerCatalog {
    private final Map<String, ScannerFactory> factories;

    private ScannerCatalog(Map<String, ScannerFactory> factories) {
        this.factories = Map.copyOf(factories);
    }

    public static ScannerCatalog load() {
        return of(ServiceLoader.load(ScannerFactory.class, ScannerCatalog.class.getClassLoader()));
    }

    public static ScannerCatalog of(Iterable<ScannerFactory> found) {
        Map<String, ScannerFactory> byName = new TreeMap<>();
        for (ScannerFactory factory : found) {
            ScannerFactory clash = byName.putIfAbsent(factory.name(), factory);
            if (clash != null) {
                throw new IllegalStateException("two scanner factories are named '" + factory.name() + "': "
                        + clash.getClass().getName() + " and "
                        + factory.getClass().getName());
            }
        }
        return new ScannerCatalog(byName);
    }

    public ScannerFactory get(String name) {
        return factories.get(name);
    }

    public java.util.Set<String> names() {
        return factories.keySet();
    }
}
