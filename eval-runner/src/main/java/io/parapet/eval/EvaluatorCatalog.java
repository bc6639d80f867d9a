package io.parapet.eval;

import io.parapet.core.plugin.PluginCatalog;
import io.parapet.eval.spi.Evaluator;
import io.parapet.eval.spi.EvaluatorFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every evaluator kind on the class path, built-in or plugged in (see {@link PluginCatalog}). */
public final class EvaluatorCatalog {
    private final PluginCatalog<EvaluatorFactory> factories;

    private EvaluatorCatalog(PluginCatalog<EvaluatorFactory> factories) {
        this.factories = factories;
    }

    public static EvaluatorCatalog load() {
        return new EvaluatorCatalog(PluginCatalog.load(EvaluatorFactory.class, "evaluators"));
    }

    public Set<String> names() {
        return factories.names();
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
        return create(name, config, io.parapet.eval.spi.EvaluatorContext.NONE);
    }

    /** As {@link #create(String, Map)}, for a run whose evaluators may call models through {@code context}. */
    public Evaluator create(String name, Map<String, Object> config, io.parapet.eval.spi.EvaluatorContext context) {
        EvaluatorFactory factory = factory(name);
        Map<String, Object> settings = config == null ? Map.of() : config;
        List<String> unknown = PluginCatalog.unknownKeys(factory, settings);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "evaluator '" + name + "' has no setting " + unknown + "; it takes " + factory.configKeys());
        }
        return factory.create(settings, context);
    }
}
