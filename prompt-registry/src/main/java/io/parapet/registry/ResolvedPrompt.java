package io.parapet.registry;

import com.samskivert.mustache.Template;
import io.parapet.core.FieldError;
import io.parapet.core.ParapetException;
import io.parapet.registry.internal.Templates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A prompt version with its includes resolved and its templates compiled: ready to render many times. Rendering
 * is strict: a missing required variable or an unknown one is a 400 that names it.
 */
public final class ResolvedPrompt {
    private final PromptVersion version;
    private final Map<String, Variable> variables;
    private final Set<String> known;
    private final List<Template> templates;
    private final RenderLimits limits;

    public ResolvedPrompt(
            PromptVersion version,
            List<Variable> includedVariables,
            Set<String> usedNames,
            Map<String, String> includes,
            RenderLimits limits) {
        this.version = version;
        this.limits = limits;
        Map<String, Variable> all = new LinkedHashMap<>();
        includedVariables.forEach(v -> all.put(v.name(), v));
        version.variables().forEach(v -> all.put(v.name(), v));
        this.variables = all;
        this.known = new java.util.HashSet<>(usedNames);
        this.known.addAll(all.keySet());
        List<Template> compiled = new ArrayList<>();
        if (version.type() == PromptType.TEXT) {
            compiled.add(Templates.compile(version.template(), includes));
        } else {
            version.messages().forEach(m -> compiled.add(Templates.compile(m.content(), includes)));
        }
        this.templates = List.copyOf(compiled);
    }

    public PromptVersion version() {
        return version;
    }

    /** Every variable the prompt takes, its includes' too. */
    public List<Variable> variables() {
        return List.copyOf(variables.values());
    }

    public Rendered render(Map<String, ?> given) {
        Map<String, Object> values = new HashMap<>();
        List<FieldError> errors = new ArrayList<>();
        given.forEach((name, value) -> {
            if (!known.contains(name)) {
                errors.add(new FieldError(
                        "variables." + name,
                        "is not a variable of " + version.name() + "#" + version.version() + "; known: "
                                + known.stream().sorted().toList()));
            }
            values.put(name, value);
        });
        for (Variable v : variables.values()) {
            if (values.containsKey(v.name())) {
                continue;
            }
            if (v.defaultValue() != null) {
                values.put(v.name(), v.defaultValue());
            } else if (v.isRequired()) {
                errors.add(new FieldError("variables." + v.name(), "is required"));
            } else {
                values.put(v.name(), "");
            }
        }
        if (!errors.isEmpty()) {
            throw new ParapetException(
                    io.parapet.core.Problem.INVALID_REQUEST,
                    "cannot render " + version.name() + "#" + version.version() + ": "
                            + errors.stream()
                                    .map(e -> e.field() + " " + e.message())
                                    .reduce((a, b) -> a + "; " + b)
                                    .orElseThrow(),
                    errors);
        }
        if (version.type() == PromptType.TEXT) {
            return new Rendered(
                    version.name(),
                    version.version(),
                    version.type(),
                    Templates.execute(templates.get(0), values, limits),
                    null);
        }
        List<Message> messages = new ArrayList<>(templates.size());
        for (int i = 0; i < templates.size(); i++) {
            messages.add(
                    new Message(version.messages().get(i).role(), Templates.execute(templates.get(i), values, limits)));
        }
        return new Rendered(version.name(), version.version(), version.type(), null, messages);
    }
}
