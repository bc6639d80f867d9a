package io.parapet.ui.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.parapet.core.Json;
import io.parapet.core.ParapetException;
import io.parapet.registry.CreateVersionRequest;
import io.parapet.registry.Message;
import io.parapet.registry.PromptType;
import io.parapet.registry.PromptVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The new-version editor's fields as typed: strings, so a form with mistakes can be shown again exactly as it
 * was. {@link #toRequest()} turns them into the registry's request; JSON fields that do not parse are errors
 * naming the field.
 */
public record EditorForm(
        String name,
        String type,
        String template,
        List<Message> messages,
        String model,
        String parameters,
        String responseFormat,
        String variables,
        String guardrails,
        String description,
        String tags,
        String commitMessage,
        Map<String, String> samples) {
    public static final List<String> ROLES = List.of("system", "developer", "user", "assistant");

    /** A form that starts from a stored version (or empty for a new prompt). */
    public static EditorForm from(
            String name, @Nullable PromptVersion v, @Nullable String description, List<String> tags) {
        if (v == null) {
            return empty("text");
        }
        return new EditorForm(
                name,
                v.type().wire(),
                v.template() == null ? "" : v.template(),
                v.messages() == null ? List.of() : v.messages(),
                v.model() == null
                        ? ""
                        : v.model().name()
                                + (v.model().version() == null
                                        ? ""
                                        : "#" + v.model().version()),
                v.model() == null || v.model().parameters() == null
                        ? ""
                        : pretty(v.model().parameters()),
                v.responseFormat() == null ? "" : pretty(v.responseFormat()),
                declared(v),
                v.guardrails() == null ? "" : v.guardrails(),
                description == null ? "" : description,
                String.join(", ", tags),
                "",
                Map.of());
    }

    /** An empty form for a new prompt of type {@code text} or {@code chat}. */
    public static EditorForm empty(String type) {
        String t = "chat".equals(type) ? "chat" : "text";
        return new EditorForm("", t, "", List.of(), "", "", "", "", "", "", "", "", Map.of());
    }

    /** Reads the posted form: {@code msg.role.N}/{@code msg.content.N} rows and {@code var.NAME} sample values. */
    public static EditorForm read(Map<String, String> form) {
        List<Message> messages = new ArrayList<>();
        for (int i = 0; form.containsKey("msg.role." + i); i++) {
            String content = form.getOrDefault("msg.content." + i, "");
            if (!content.isBlank()) {
                messages.add(new Message(form.get("msg.role." + i), content));
            }
        }
        Map<String, String> samples = new LinkedHashMap<>();
        form.forEach((k, v) -> {
            if (k.startsWith("var.")) {
                samples.put(k.substring(4), v);
            }
        });
        return new EditorForm(
                form.getOrDefault("name", "").trim(),
                form.getOrDefault("type", "text"),
                form.getOrDefault("template", ""),
                messages,
                form.getOrDefault("model", "").trim(),
                form.getOrDefault("parameters", ""),
                form.getOrDefault("responseFormat", ""),
                form.getOrDefault("variables", ""),
                form.getOrDefault("guardrails", "").trim(),
                form.getOrDefault("description", ""),
                form.getOrDefault("tags", ""),
                form.getOrDefault("commitMessage", ""),
                samples);
    }

    public boolean chat() {
        return "chat".equals(type);
    }

    /** The message rows to show: the current ones and one empty row to add another. */
    public List<Message> messageRows() {
        List<Message> rows = new ArrayList<>(messages);
        rows.add(new Message(messages.isEmpty() ? "system" : "user", ""));
        return rows;
    }

    public CreateVersionRequest toRequest() {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("type", chat() ? "chat" : "text");
        if (chat()) {
            body.set("messages", Json.mapper().valueToTree(messages));
        } else {
            body.put("template", template);
        }
        if (!model.isBlank()) {
            ObjectNode ref = body.putObject("model");
            int hash = model.indexOf('#');
            ref.put("name", hash < 0 ? model : model.substring(0, hash));
            if (hash >= 0) {
                ref.put("version", number(model.substring(hash + 1), "model"));
            }
            if (!parameters.isBlank()) {
                ref.set("parameters", json(parameters, "parameters"));
            }
        } else if (!parameters.isBlank()) {
            throw ParapetException.invalidField("parameters", "choose a model to set its parameters");
        }
        if (!responseFormat.isBlank()) {
            body.set("responseFormat", json(responseFormat, "responseFormat"));
        }
        if (!variables.isBlank()) {
            body.set("variables", json(variables, "variables"));
        }
        if (!guardrails.isBlank()) {
            body.put("guardrails", guardrails);
        }
        body.put("description", description.isBlank() ? null : description.trim());
        body.set(
                "tags",
                Json.mapper()
                        .valueToTree(Arrays.stream(tags.split(","))
                                .map(String::trim)
                                .filter(t -> !t.isEmpty())
                                .toList()));
        body.put("commitMessage", commitMessage.trim());
        try {
            return Json.mapper().treeToValue(body, CreateVersionRequest.class);
        } catch (JsonProcessingException e) {
            throw ParapetException.invalid("the form does not make a valid version: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw ParapetException.invalid("the form does not make a valid version: " + e.getMessage());
        }
    }

    /** The sample values for a preview, as strings (what a chat app would send). */
    public Map<String, Object> sampleValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        samples.forEach((k, v) -> {
            if (!v.isEmpty()) {
                values.put(k, v);
            }
        });
        return values;
    }

    public PromptType promptType() {
        return chat() ? PromptType.CHAT : PromptType.TEXT;
    }

    /**
     * The declared variables worth showing: only when some carry a default or a description. Plain ones are
     * inferred from the template again, so removing a variable from the text removes it from the version.
     */
    private static String declared(PromptVersion v) {
        boolean meaningful = v.variables().stream().anyMatch(x -> x.defaultValue() != null || x.description() != null);
        return meaningful ? pretty(v.variables()) : "";
    }

    private static JsonNode json(String text, String field) {
        try {
            return Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw ParapetException.invalidField(
                    field,
                    "is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")");
        }
    }

    private static int number(String text, String field) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw ParapetException.invalidField(field, "version after '#' must be a number");
        }
    }

    private static String pretty(Object value) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
