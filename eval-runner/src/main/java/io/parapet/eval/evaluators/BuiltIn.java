package io.parapet.eval.evaluators;

import io.parapet.eval.spi.EvaluatorFactory;
import java.util.List;

/** The description every built-in factory gives of itself, held in one place. */
abstract class BuiltIn implements EvaluatorFactory {
    private final String name;
    private final List<String> configKeys;
    private final boolean needsExpected;

    BuiltIn(String name, List<String> configKeys, boolean needsExpected) {
        this.name = name;
        this.configKeys = List.copyOf(configKeys);
        this.needsExpected = needsExpected;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<String> configKeys() {
        return configKeys;
    }

    @Override
    public final boolean needsExpected() {
        return needsExpected;
    }
}
