package io.parapet.core.plugin;

import java.util.List;

/** The name and accepted setting keys a built-in declares; subclasses only build what they build. */
public abstract class NamedPlugin implements Plugin {
    private final String name;
    private final List<String> configKeys;

    protected NamedPlugin(String name, List<String> configKeys) {
        this.name = name;
        this.configKeys = List.copyOf(configKeys);
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
