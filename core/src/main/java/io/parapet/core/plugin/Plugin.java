package io.parapet.core.plugin;

import java.util.List;

/** A kind of plug-in found through {@link java.util.ServiceLoader} (scanners, evaluators): a name and its settings. */
public interface Plugin {
    /** The name policies and runs use; unique among plug-ins of one kind. */
    String name();

    /** Setting keys this plug-in understands; any other key is an error. */
    List<String> configKeys();
}
