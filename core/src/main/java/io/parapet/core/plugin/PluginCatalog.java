package io.parapet.core.plugin;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every plug-in of one kind on the class path, built-in or third-party. Two with one name are an error at start,
 * not a silent choice.
 */
public final class PluginCatalog<T extends Plugin> {
    private final Map<String, T> byName;

    private PluginCatalog(Map<String, T> byName) {
        this.byName = Map.copyOf(byName);
    }

    /** {@code plural} names the kind in messages, e.g. {@code "scanner factories"}. */
    public static <T extends Plugin> PluginCatalog<T> load(Class<T> kind, String plural) {
        return of(ServiceLoader.load(kind, kind.getClassLoader()), plural);
    }

    public static <T extends Plugin> PluginCatalog<T> of(Iterable<T> found, String plural) {
        Map<String, T> byName = new TreeMap<>();
        for (T plugin : found) {
            T clash = byName.putIfAbsent(plugin.name(), plugin);
            if (clash != null) {
                throw new IllegalStateException("two " + plural + " are named '" + plugin.name() + "': "
                        + clash.getClass().getName() + " and "
                        + plugin.getClass().getName());
            }
        }
        return new PluginCatalog<>(byName);
    }

    /** The plug-in of that name, or null. */
    public T get(String name) {
        return byName.get(name);
    }

    /** The names, sorted. */
    public Set<String> names() {
        return new java.util.TreeSet<>(byName.keySet());
    }

    /** Keys of {@code config} the plug-in does not understand, sorted; empty when all are known. */
    public static List<String> unknownKeys(Plugin plugin, Map<String, ?> config) {
        Set<String> unknown = new HashSet<>(config.keySet());
        plugin.configKeys().forEach(unknown::remove);
        return unknown.stream().sorted().toList();
    }
}
