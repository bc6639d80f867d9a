package io.parapet.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.parapet.core.Json;
import io.parapet.core.ParapetException;
import io.parapet.registry.ModelParameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of an OpenAI chat-completions request the gateway acts on, read leniently: SDKs send fields Parapet does
 * not use, and those are ignored, while options it cannot honour (several choices, for instance) are refused with a
 * 400 that names them.
 */
public record ChatRequest(
        String model,
        List<ChatMessage> messages,
        boolean stream,
        boolean includeUsage,
        Map<String, Object> variables,
        ModelParameters parameters,
        Map<String, Object> responseFormat,
        Map<String, Object> tools,
        String user) {
    /** OpenAI's {@code user} field is an end-user id; it chooses a canary side, so it is bounded like a key name. */
    static final int MAX_USER_CHARS = 256;

    /**
     * One message; {@code content} is a string or an array of text parts, which are joined. An assistant message
     * may carry the tool calls it made; a {@code tool} message answers the call {@code toolCallId}.
     */
    public record ChatMessage(String role, String content, List<ToolCall> toolCalls, String toolCallId) {
        public ChatMessage(String role, String content) {
            this(role, content, List.of(), null);
        }
    }

    /** A function call the model asked for; {@code arguments} is JSON text, as OpenAI sends it. */
    public record ToolCall(String id, String name, String arguments) {}

    /** The request in an HTTP body; what cannot be read is a {@link ChatError} that names the field. */
    public static ChatRequest read(String body) {
        if (body == null || body.isBlank()) {
            throw ChatError.invalid("the body must be a JSON chat-completions request", null);
        }
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(body);
        } catch (java.io.IOException e) {
            throw ChatError.invalid("the body is not valid JSON", null);
        }
        try {
            return parse(tree);
        } catch (ParapetException e) {
            throw ChatError.of(e);
        }
    }

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
        Map<String, Object> tools = tools(body);
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
            parsed.add(new ChatMessage(role, content(m.path("content"), i), toolCalls(m, i), toolCallId(m, role, i)));
        }
        return new ChatRequest(
                model,
                parsed,
                body.path("stream").asBoolean(false),
                body.path("stream_options").path("include_usage").asBoolean(false),
                variables(body),
                parameters(body),
                responseFormat(body),
                tools,
                user(body));
    }

    private static String user(JsonNode body) {
        JsonNode user = body.path("user");
        if (user.isMissingNode() || user.isNull()) {
            return null;
        }
        if (!user.isTextual() || user.asText().isEmpty() || user.asText().length() > MAX_USER_CHARS) {
            throw ParapetException.invalidField("user", "must be a string of 1 to " + MAX_USER_CHARS + " characters");
        }
        return user.asText();
    }

    /** {@code tools} and {@code tool_choice}, passed to the provider as written; null when no tools are offered. */
    private static Map<String, Object> tools(JsonNode body) {
        JsonNode tools = body.path("tools");
        if (tools.isMissingNode() || tools.isNull() || tools.isArray() && tools.isEmpty()) {
            return null;
        }
        if (!tools.isArray()) {
            throw ParapetException.invalidField("tools", "must be an array of {type: function, function: {...}}");
        }
        for (int i = 0; i < tools.size(); i++) {
            if (!tools.get(i).path("function").path("name").isTextual()) {
                throw ParapetException.invalidField("tools[" + i + "]", "needs function.name");
            }
        }
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("tools", Json.mapper().convertValue(tools, Object.class));
        if (body.has("tool_choice")) {
            options.put("tool_choice", Json.mapper().convertValue(body.get("tool_choice"), Object.class));
        }
        return options;
    }

    private static List<ToolCall> toolCalls(JsonNode message, int index) {
        JsonNode calls = message.path("tool_calls");
        if (!calls.isArray()) {
            return List.of();
        }
        List<ToolCall> parsed = new ArrayList<>();
        for (JsonNode call : calls) {
            String name = call.path("function").path("name").asText("");
            if (name.isEmpty() || !call.path("id").isTextual()) {
                throw ParapetException.invalidField(
                        "messages[" + index + "].tool_calls", "each needs an id and function.name");
            }
            parsed.add(new ToolCall(
                    call.get("id").asText(),
                    name,
                    call.path("function").path("arguments").asText("{}")));
        }
        return parsed;
    }

    private static String toolCallId(JsonNode message, String role, int index) {
        if (!role.equals("tool")) {
            return null;
        }
        if (!message.path("tool_call_id").isTextual()) {
            throw ParapetException.invalidField("messages[" + index + "].tool_call_id", "is required on tool messages");
        }
        return message.get("tool_call_id").asText();
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

    /**
     * OpenAI's {@code response_format}: {@code text}, {@code json_object}, or {@code json_schema} with a schema;
     * null when absent or {@code text}.
     */
    static Map<String, Object> responseFormat(JsonNode body) {
        JsonNode format = body.path("response_format");
        if (format.isMissingNode() || format.isNull()) {
            return null;
        }
        String type = format.path("type").asText("");
        switch (type) {
            case "text" -> {
                return null;
            }
            case "json_object" -> {}
            case "json_schema" -> {
                if (!format.path("json_schema").path("schema").isObject()) {
                    throw ParapetException.invalidField(
                            "response_format",
                            "json_schema needs {\"json_schema\": {\"name\": ..., \"schema\": {...}}}");
                }
            }
            default ->
                throw ParapetException.invalidField(
                        "response_format", "type must be text, json_object or json_schema, not '" + type + "'");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = Json.mapper().convertValue(format, Map.class);
        return map;
    }

    /** Generation parameters the client set (null when none), checked for range. */
    private static ModelParameters parameters(JsonNode body) {
        JsonNode stop = body.path("stop");
        List<String> stops = null;
        if (stop.isTextual()) {
            stops = List.of(stop.asText());
        } else if (stop.isArray()) {
            stops = new ArrayList<>();
            for (JsonNode s : stop) {
                stops.add(s.asText());
            }
        }
        JsonNode maxTokens =
                body.has("max_completion_tokens") ? body.get("max_completion_tokens") : body.path("max_tokens");
        ModelParameters p = new ModelParameters(
                number(body, "temperature"),
                maxTokens.isNumber() ? maxTokens.asInt() : null,
                number(body, "top_p"),
                stops,
                number(body, "presence_penalty"),
                number(body, "frequency_penalty"),
                body.path("seed").isNumber() ? body.get("seed").asLong() : null);
        if (p.setNames().isEmpty()) {
            return null;
        }
        p.check("parameters");
        return p;
    }

    private static Double number(JsonNode body, String field) {
        JsonNode value = body.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw ParapetException.invalidField(field, "must be a number");
        }
        return value.asDouble();
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
