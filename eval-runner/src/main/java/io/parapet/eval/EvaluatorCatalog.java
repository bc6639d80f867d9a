package io.parapet.eval;

import io.parapet.eval.spi.Evaluator;
import io.parapet.eval.spi.EvaluatorFactory;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/** Every evaluator kind on the class path, built-in or plugged in through {@link ServiceLoader}. */
public final class EvaluatorCatalog {
    private final Map<String, EvaluatorFactory> factories;

    private EvaluatorCatalog(Map<String, EvaluatorFactory> factories) {
        this.factories = factories;
    }

    public static EvaluatorCatalog load() {
        Map<String, EvaluatorFactory> found = new TreeMap<>();
        for (EvaluatorFactory factory : ServiceLoader.load(EvaluatorFactory.class)) {
            EvaluatorFactory twin = found.putIfAbsent(factory.name(), factory);
            if (twin != null) {
                throw new IllegalStateException("two evaluators are named '" + factory.name() + "': "
                        + twin.getClass().getName() + " and "
                        + factory.getClass().getName());
            }
        }
        return new EvaluatorCatalog(Map.copyOf(found));
    }

    public Set<String> names() {
        return new java.util.TreeSet<>(factories.keySet());
    }

    public EvaluatorFactory factory(String name) {
        EvaluatorFactory factory = factories.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("no evaluator is named '" + name + "'; known: " + names());
        }
        return factory;
    }

    /** Builds one; an unknown name, an unknown setting or a bad value is an error that says which. */
    public Evaluator create(String name, Map<String, Object> config) {
        EvaluatorFactory factory = factory(name);
        Map<String, Object> settings = config == null ? Map.of() : config;
        Set<String> unknown = new HashSet<>(settings.keySet());
        List.copyOf(factory.configKeys()).forEach(unknown::remove);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("evaluator '" + name + "' has no setting "
                    + new java.util.TreeSet<>(unknown) + "; it takes " + factory.configKeys());
        }
        return factory.create(settings);
    }
}
