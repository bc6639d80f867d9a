package io.parapet.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import io.parapet.core.FieldError;
import io.parapet.core.Json;
import io.parapet.core.JsonSchemas;
import io.parapet.core.ParapetException;
import io.parapet.core.Text;
import io.parapet.registry.CreateVersionRequest;
import io.parapet.registry.Message;
import io.parapet.registry.ModelParameters;
import io.parapet.registry.ModelRef;
import io.parapet.registry.Names;
import io.parapet.registry.PromptContent;
import io.parapet.registry.PromptType;
import io.parapet.registry.Variable;
import io.parapet.registry.VersionRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Turns a create-version request into valid {@link PromptContent}, or a 400 that says what is wrong. */
public final class ContentRules {
    static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant");
    private static final JsonSchema META_SCHEMA = JsonSchemas.metaSchema();

    private ContentRules() {}

    /** The validated content plus the include references found in its templates, with how often each is used. */
    public record Checked(PromptContent content, Map<String, Integer> includeUses) {
        public List<String> includes() {
            return List.copyOf(includeUses.keySet());
        }
    }

    public static Checked check(CreateVersionRequest request, PromptType type) {
        if (type == PromptType.POLICY) {
            return checkPolicy(request);
        }
        if (request.policy() != null) {
            throw ParapetException.invalidField(
                    "policy", "only a policy entry has a policy document; attach one to a prompt with 'guardrails'");
        }
        List<Templates.Parsed> parsed = new ArrayList<>();
        List<Message> messages = null;
        String template = null;
        if (type == PromptType.TEXT) {
            if (request.messages() != null) {
                throw ParapetException.invalidField("messages", "a text prompt has a template, not messages");
            }
            template = Text.requireStorable(request.template(), "template");
            if (template == null) {
                throw ParapetException.invalidField("template", "is required for a text prompt");
            }
            parsed.add(Templates.parse(template, "template"));
        } else {
            if (request.template() != null) {
                throw ParapetException.invalidField("template", "a chat prompt has messages, not a template");
            }
            if (request.messages() == null || request.messages().isEmpty()) {
                throw ParapetException.invalidField("messages", "a chat prompt needs at least one message");
            }
            messages = request.messages();
            for (int i = 0; i < messages.size(); i++) {
                parsed.add(checkMessage(messages.get(i), "messages[" + i + "]"));
            }
        }
        Set<String> used = new LinkedHashSet<>();
        Set<String> sections = new HashSet<>();
        for (Templates.Parsed p : parsed) {
            used.addAll(p.variables());
            sections.addAll(p.sections());
        }
        Map<String, Integer> includes = Templates.includeUses(parsed);
        includes.keySet().forEach(VersionRef::parse);
        List<Variable> variables = checkVariables(request.variables(), used, sections);
        ModelRef model = checkModel(request.model());
        if (request.responseFormat() != null) {
            checkSchema(Json.mapper().valueToTree(request.responseFormat()));
        }
        String guardrails = request.guardrails() == null
                ? null
                : VersionRef.parse(request.guardrails(), "guardrails").toString();
        PromptContent content = new PromptContent(
                type, template, messages, variables, model, request.responseFormat(), guardrails, null);
        return new Checked(content, includes);
    }

    /** A policy entry holds only its document; the guardrails layer checks the document itself. */
    private static Checked checkPolicy(CreateVersionRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.policy() == null || request.policy().isEmpty()) {
            errors.add(new FieldError("policy", "is required for a policy entry"));
        }
        notAllowed(errors, "template", request.template());
        notAllowed(errors, "messages", request.messages());
        notAllowed(errors, "variables", request.variables());
        notAllowed(errors, "model", request.model());
        notAllowed(errors, "responseFormat", request.responseFormat());
        notAllowed(errors, "guardrails", request.guardrails());
        if (!errors.isEmpty()) {
            throw new ParapetException(
                    io.parapet.core.Problem.INVALID_REQUEST,
                    errors.stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; ")),
                    errors);
        }
        var content = new PromptContent(PromptType.POLICY, null, null, List.of(), null, null, null, request.policy());
        return new Checked(content, Map.of());
    }

    private static void notAllowed(List<FieldError> errors, String field, Object value) {
        if (value != null && !(value instanceof java.util.Collection<?> c && c.isEmpty())) {
            errors.add(new FieldError(field, "is not part of a policy entry"));
        }
    }

    private static Templates.Parsed checkMessage(Message message, String field) {
        if (message == null || message.role() == null || !ROLES.contains(message.role())) {
            throw ParapetException.invalidField(
                    field + ".role", "must be one of " + ROLES.stream().sorted().toList());
        }
        if (message.content() == null) {
            throw ParapetException.invalidField(field + ".content", "is required");
        }
        Text.requireStorable(message.content(), field + ".content");
        return Templates.parse(message.content(), field + ".content");
    }

    private static List<Variable> checkVariables(List<Variable> declared, Set<String> used, Set<String> sections) {
        if (declared == null || declared.isEmpty()) {
            // Inferred: plain variables are required; section names ({{#x}}…{{/x}}) are optional switches.
            return used.stream()
                    .map(name -> new Variable(name, !sections.contains(name), null, null))
                    .toList();
        }
        Set<String> seen = new HashSet<>();
        List<Variable> result = new ArrayList<>();
        for (int i = 0; i < declared.size(); i++) {
            Variable v = declared.get(i);
            String field = "variables[" + i + "]";
            Names.checkVariable(v == null ? null : v.name(), field + ".name");
            if (!seen.add(v.name())) {
                throw ParapetException.invalidField(field + ".name", "'" + v.name() + "' is declared twice");
            }
            if (!used.contains(v.name())) {
                throw ParapetException.invalidField(
                        field + ".name", "'" + v.name() + "' is declared but not used in the template");
            }
            Text.requireStorable(v.defaultValue(), field + ".default");
            Text.requireStorable(v.description(), field + ".description");
            result.add(v.normalized());
        }
        return result;
    }

    public static ModelRef checkModel(ModelRef model) {
        if (model == null) {
            return null;
        }
        Names.checkPrompt(model.name(), "model.name");
        if (model.version() != null && model.version() < 1) {
            throw ParapetException.invalidField("model.version", "must be 1 or more");
        }
        checkParameters(model.parameters(), "model.parameters");
        return model;
    }

    public static void checkParameters(ModelParameters p, String field) {
        if (p == null) {
            return;
        }
        List<FieldError> errors = new ArrayList<>();
        range(errors, field + ".temperature", p.temperature(), 0, 2);
        range(errors, field + ".topP", p.topP(), 0, 1);
        range(errors, field + ".presencePenalty", p.presencePenalty(), -2, 2);
        range(errors, field + ".frequencyPenalty", p.frequencyPenalty(), -2, 2);
        if (p.maxTokens() != null && (p.maxTokens() < 1 || p.maxTokens() > 1_000_000)) {
            errors.add(new FieldError(field + ".maxTokens", "must be between 1 and 1000000"));
        }
        if (p.stop() != null && (p.stop().size() > 4 || p.stop().stream().anyMatch(s -> s == null || s.isEmpty()))) {
            errors.add(new FieldError(field + ".stop", "takes at most 4 non-empty strings"));
        }
        if (!errors.isEmpty()) {
            throw new ParapetException(
                    io.parapet.core.Problem.INVALID_REQUEST,
                    errors.stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; ")),
                    errors);
        }
    }

    private static void range(List<FieldError> errors, String field, Double value, double min, double max) {
        if (value != null && (value.isNaN() || value < min || value > max)) {
            errors.add(new FieldError(field, "must be between " + min + " and " + max));
        }
    }

    private static void checkSchema(JsonNode schema) {
        if (!schema.isObject()) {
            throw ParapetException.invalidField("responseFormat", "must be a JSON Schema object");
        }
        Set<ValidationMessage> problems = META_SCHEMA.validate(schema);
        if (!problems.isEmpty()) {
            List<FieldError> errors = problems.stream()
                    .map(m -> new FieldError(
                            "responseFormat"
                                    + m.getInstanceLocation().toString().substring(1),
                            m.getMessage()))
                    .toList();
            throw new ParapetException(
                    io.parapet.core.Problem.INVALID_REQUEST,
                    "responseFormat is not a valid JSON Schema (2020-12): "
                            + errors.get(0).message(),
                    errors);
        }
        try {
            JsonSchemas.compile(schema);
        } catch (RuntimeException e) {
            throw ParapetException.invalidField(
                    "responseFormat", "cannot be used: " + e.getMessage() + " (a schema may only refer within itself)");
        }
    }
}
