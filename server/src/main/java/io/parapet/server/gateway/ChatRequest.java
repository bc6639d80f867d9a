package io.parapet.server.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.parapet.core.Json;
import io.parapet.core.ParapetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of an OpenAI chat-completions request the gateway acts on, read leniently: SDKs send fields Parapet does
 * not use, and those are ignored, while options it cannot honour (several choices, for instance) are refused with a
 * 400 that names them.
 */
record ChatRequest(
        String model, List<ChatMessage> messages, boolean stream, boolean includeUsage, Map<String, Object> variables) {

    /** One message; {@code content} is a string or an array of text parts, which are joined. */
    record ChatMessage(String role, String content) {}

    static ChatRequest parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ParapetException.invalid("the body must be a JSON object");
        }
        String model = body.path("model").asText("");
        if (model.isBlank()) {
            throw ParapetException.invalidField("model", "is required: a catalog model, or prompt:<name>@<label>");
        }
        JsonNode messages = body.path("messages");
        if (!messages.isArray()) {
            throw ParapetException.invalidField("messages", "must be an array of {role, content}");
        }
        if (body.path("n").asInt(1) != 1) {
            throw ParapetException.invalidField("n", "only one choice per request is supported");
        }
        List<ChatMessage> parsed = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String role = m.path("role").asText("");
            if (!List.of("system", "developer", "user", "assistant", "tool").contains(role)) {
                throw ParapetException.invalidField(
                        "messages[" + i + "].role", "must be system, developer, user, assistant or tool");
            }
            parsed.add(new ChatMessage(role, content(m.path("content"), i)));
        }
        return new ChatRequest(
                model,
                parsed,
                body.path("stream").asBoolean(false),
                body.path("stream_options").path("include_usage").asBoolean(false),
                variables(body));
    }

    private static String content(JsonNode content, int index) {
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                if (!"text".equals(part.path("type").asText())) {
                    throw ParapetException.invalidField(
                            "messages[" + index + "].content", "only text parts are supported");
                }
                text.append(part.path("text").asText());
            }
            return text.toString();
        }
        if (content.isNull() || content.isMissingNode()) {
            return "";
        }
        throw ParapetException.invalidField("messages[" + index + "].content", "must be a string or text parts");
    }

    /** Prompt variables from {@code prompt_variables}, or else from {@code metadata.variables}. */
    private static Map<String, Object> variables(JsonNode body) {
        JsonNode node = body.has("prompt_variables")
                ? body.get("prompt_variables")
                : body.path("metadata").path("variables");
        Map<String, Object> variables = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return variables;
        }
        if (!node.isObject()) {
            throw ParapetException.invalidField("prompt_variables", "must be an object of variable values");
        }
        node.properties()
                .forEach(e -> variables.put(e.getKey(), Json.mapper().convertValue(e.getValue(), Object.class)));
        return variables;
    }
}
