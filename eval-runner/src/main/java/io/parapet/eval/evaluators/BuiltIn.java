package io.parapet.eval.evaluators;

import io.parapet.core.plugin.NamedPlugin;
import io.parapet.eval.spi.EvaluatorFactory;
import java.util.List;

/** A built-in evaluator factory: its name, setting keys and need of an expected answer are declared once. */
abstract class BuiltIn extends NamedPlugin implements EvaluatorFactory {
    private final boolean needsExpected;

    BuiltIn(String name, List<String> configKeys, boolean needsExpected) {
        super(name, configKeys);
        this.needsExpected = needsExpected;
    }

    @Override
    public final boolean needsExpected() {
        return needsExpected;
    }
}
