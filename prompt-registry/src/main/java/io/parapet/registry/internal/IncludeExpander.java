package io.parapet.registry.internal;

import io.parapet.core.ParapetException;
import io.parapet.registry.PromptType;
import io.parapet.registry.PromptVersion;
import io.parapet.registry.Variable;
import io.parapet.registry.VersionRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Resolves {@code {{> name@label}}} includes, recursively, before rendering: the template engine then reads them
 * from a map and never touches the database. Enforces the depth limit and reports cycles with their path.
 */
public final class IncludeExpander {
    /** Include name → template source, plus the variables the included versions declare. */
    public record Expanded(Map<String, String> sources, List<Variable> variables, List<String> resolvedKeys) {}

    private final Function<VersionRef, PromptVersion> lookup;
    private final int maxDepth;
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<Variable> variables = new ArrayList<>();
    private final List<String> keys = new ArrayList<>();

    private IncludeExpander(Function<VersionRef, PromptVersion> lookup, int maxDepth) {
        this.lookup = lookup;
        this.maxDepth = maxDepth;
    }

    public static Expanded expand(
            Collection<String> includes, String rootKey, Function<VersionRef, PromptVersion> lookup, int maxDepth) {
        IncludeExpander expander = new IncludeExpander(lookup, maxDepth);
        expander.walk(includes, List.of(rootKey));
        return new Expanded(expander.sources, expander.variables, expander.keys);
    }

    private void walk(Collection<String> includes, List<String> path) {
        for (String include : includes) {
            if (path.size() > maxDepth) {
                throw ParapetException.invalidField(
                        "include",
                        "includes nest deeper than " + maxDepth + ": " + String.join(" → ", path) + " → " + include);
            }
            VersionRef ref = VersionRef.parse(include);
            PromptVersion version = lookup.apply(ref);
            if (version.type() != PromptType.TEXT) {
                throw ParapetException.invalidField(
                        "include",
                        "'" + include + "' is a " + version.type().wire()
                                + " entry; only text prompts can be included");
            }
            String key = version.name() + "#" + version.version();
            if (path.contains(key) || path.get(0).startsWith(version.name() + "#")) {
                throw ParapetException.invalidField(
                        "include", "include cycle: " + String.join(" → ", path) + " → " + key);
            }
            sources.put(include, version.template());
            variables.addAll(version.variables());
            keys.add(key);
            List<String> nextPath = new ArrayList<>(path);
            nextPath.add(key);
            walk(Templates.parse(version.template(), "include").includes(), nextPath);
        }
    }
}
