package io.parapet.registry.internal;

import io.parapet.core.ParapetException;
import io.parapet.registry.PromptType;
import io.parapet.registry.PromptVersion;
import io.parapet.registry.Variable;
import io.parapet.registry.VersionRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Resolves {@code {{> name@label}}} includes, recursively, before rendering: the template engine then reads them
 * from a map and never touches the database. Enforces the depth limit and reports cycles with their path.
 */
public final class IncludeExpander {
    /**
     * Includes resolved for one prompt, counting one reached by several paths each time: without it, ten prompts
     * that each include the same ten, five deep, would be 100,000 look-ups.
     */
    static final int MAX_RESOLVED = 1000;

    /**
     * Include tags once everything is expanded ({@code {{> a}}} three times in a template that is itself included
     * twice is six). JMustache compiles each such use separately and keeps it, so this bounds memory as well as
     * work; ten uses of ten uses, four deep, is already 11,110.
     */
    static final long MAX_EXPANDED_USES = 10_000;

    /** Include name → template source, plus the variables the included versions declare. */
    public record Expanded(Map<String, String> sources, List<Variable> variables, List<String> resolvedKeys) {}

    private final Function<VersionRef, PromptVersion> lookup;
    private final int maxDepth;
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<Variable> variables = new ArrayList<>();
    private final List<String> keys = new ArrayList<>();
    private final Map<String, Map<String, Integer>> usesIn = new LinkedHashMap<>();

    private IncludeExpander(Function<VersionRef, PromptVersion> lookup, int maxDepth) {
        this.lookup = lookup;
        this.maxDepth = maxDepth;
    }

    /** Expands the includes a prompt uses ({@code include → times used}), refusing any that expand too far. */
    public static Expanded expand(
            Map<String, Integer> uses, String rootKey, Function<VersionRef, PromptVersion> lookup, int maxDepth) {
        IncludeExpander expander = new IncludeExpander(lookup, maxDepth);
        expander.walk(uses.keySet(), List.of(rootKey));
        if (expander.usesBelow(uses, new HashMap<>()) > MAX_EXPANDED_USES) {
            throw ParapetException.invalidField(
                    "include",
                    rootKey + " uses includes more than " + MAX_EXPANDED_USES
                            + " times once they are expanded (an include used several times in a template that is itself"
                            + " included several times multiplies)");
        }
        return new Expanded(expander.sources, expander.variables, expander.keys);
    }

    /** Include uses under {@code uses}, each counted with everything it includes; memoized, as includes repeat. */
    private long usesBelow(Map<String, Integer> uses, Map<String, Long> memo) {
        long total = 0;
        for (Map.Entry<String, Integer> use : uses.entrySet()) {
            Long below = memo.get(use.getKey());
            if (below == null) {
                below = usesBelow(usesIn.getOrDefault(use.getKey(), Map.of()), memo);
                memo.put(use.getKey(), below);
            }
            // Capped just past the limit: the count can be astronomical, and the cap keeps it from overflowing.
            total = Math.min(MAX_EXPANDED_USES + 1, total + use.getValue() * (1 + below));
        }
        return total;
    }

    private void walk(Collection<String> includes, List<String> path) {
        for (String include : includes) {
            if (path.size() > maxDepth) {
                throw ParapetException.invalidField(
                        "include",
                        "includes nest deeper than " + maxDepth + ": " + String.join(" → ", path) + " → " + include);
            }
            if (keys.size() >= MAX_RESOLVED) {
                throw ParapetException.invalidField(
                        "include",
                        "includes expand to more than " + MAX_RESOLVED
                                + " templates (counting one reached by several paths each time), at "
                                + String.join(" → ", path) + " → " + include);
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
            Map<String, Integer> inner =
                    Templates.parse(version.template(), "include").includeUses();
            usesIn.put(include, inner);
            walk(inner.keySet(), nextPath);
        }
    }
}
