package io.parapet.registry;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import io.parapet.core.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** Computes {@link PromptDiff}s with java-diff-utils. */
final class VersionDiff {
    private VersionDiff() {}

    static PromptDiff between(PromptVersion a, PromptVersion b) {
        List<String> left = a.lines();
        List<String> right = b.lines();
        String unified = String.join(
                "\n",
                UnifiedDiffUtils.generateUnifiedDiff(
                        a.name() + "#" + a.version(),
                        b.name() + "#" + b.version(),
                        left,
                        DiffUtils.diff(left, right),
                        3));
        PromptDiff.Change model = Objects.equals(ref(a.model()), ref(b.model()))
                ? null
                : new PromptDiff.Change("model", ref(a.model()), ref(b.model()));
        return new PromptDiff(
                a.name(),
                a.version(),
                b.version(),
                unified,
                variables(a, b),
                model,
                changes(parameters(a.model()), parameters(b.model())),
                !Objects.equals(a.responseFormat(), b.responseFormat()),
                Objects.equals(a.guardrails(), b.guardrails())
                        ? null
                        : new PromptDiff.Change("guardrails", a.guardrails(), b.guardrails()));
    }

    /** A chat prompt diffs as one block per message, headed by its role; a policy as its YAML document. */
    private static List<PromptDiff.Change> variables(PromptVersion a, PromptVersion b) {
        Map<String, Object> before = new LinkedHashMap<>();
        a.variables().forEach(v -> before.put(v.name(), v));
        Map<String, Object> after = new LinkedHashMap<>();
        b.variables().forEach(v -> after.put(v.name(), v));
        return changes(before, after);
    }

    private static String ref(ModelRef ref) {
        return ref == null ? null : ref.name() + (ref.version() == null ? "" : "#" + ref.version());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parameters(ModelRef ref) {
        if (ref == null || ref.parameters() == null) {
            return Map.of();
        }
        return Json.convert(ref.parameters(), Map.class);
    }

    private static List<PromptDiff.Change> changes(Map<String, Object> before, Map<String, Object> after) {
        Set<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        List<PromptDiff.Change> changes = new ArrayList<>();
        for (String name : names) {
            Object x = before.get(name);
            Object y = after.get(name);
            if (!Objects.equals(x, y)) {
                changes.add(new PromptDiff.Change(name, x, y));
            }
        }
        return changes;
    }
}
