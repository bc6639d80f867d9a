package io.parapet.eval;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The evaluator catalog, loaded once through ServiceLoader; a name clash between plug-ins stops the start. */
@Factory
class EvalBeans {
    @Singleton
    EvaluatorCatalog evaluatorCatalog() {
        return EvaluatorCatalog.load();
    }
}
